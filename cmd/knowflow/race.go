//go:build race

package main

// raceBuild: this is a -race build (the smoke run's), which keeps Fyne's
// wrong-thread check on (describeApp).
const raceBuild = true
