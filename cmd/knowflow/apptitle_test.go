package main

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestDescribeApp(t *testing.T) {
	m := describeApp(fyne.AppMetadata{ID: AppID})
	if m.Name != appName {
		t.Errorf("name %q, want %q when the build gave none", m.Name, appName)
	}
	if got, want := m.Migrations["fyneDo"], !raceBuild; got != want {
		t.Errorf("fyneDo migration %v, want %v (race build %v)", got, want, raceBuild)
	}

	m = describeApp(fyne.AppMetadata{ID: AppID, Name: "Knowflow (packaged)", Migrations: map[string]bool{"other": true}})
	if m.Name != "Knowflow (packaged)" || !m.Migrations["other"] || m.Migrations["fyneDo"] == raceBuild {
		t.Errorf("the build's metadata was not kept: %+v", m)
	}
}
