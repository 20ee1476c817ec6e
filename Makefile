# Knowflow: make run | test | build | smoke | bench | package | deb | deps | clean
#
# Every target installs the Debian packages it needs (.ci/deps.sh; silent
# when they are present). Go >= 1.26 comes from PATH or /usr/local/go.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

# Go: the one on PATH, else /usr/local/go/bin/go (deps.sh explains if neither).
GO ?= $(or $(shell command -v go 2>/dev/null),$(wildcard /usr/local/go/bin/go),go)
# gofmt of the same toolchain, read once go is there (deps installs it).
GOFMT = $(shell $(GO) env GOROOT 2>/dev/null)/bin/gofmt
GOBIN_DIR := $(or $(shell $(GO) env GOBIN 2>/dev/null),$(shell $(GO) env GOPATH 2>/dev/null)/bin)
export PATH := $(if $(filter /%,$(GO)),$(dir $(GO)):)$(GOBIN_DIR):$(PATH)
# Recipes run in plain English whatever the caller's locale, so tests see
# Fyne's English strings. LANGUAGE too: with LANG=C.UTF-8 alone Fyne logs
# "Error parsing user locale C" (it reads LANGUAGE, else turns C.UTF-8 into C).
# make run keeps the user's own locale (RUN_LOCALE).
RUN_LOCALE := $(strip $(if $(filter-out C POSIX C.UTF-8 C.utf8,$(LANG)),LANG='$(LANG)') \
	$(if $(LANGUAGE),LANGUAGE='$(LANGUAGE)') \
	$(if $(filter-out C POSIX,$(LC_ALL)),LC_ALL='$(LC_ALL)') \
	$(if $(filter-out C POSIX,$(LC_MESSAGES)),LC_MESSAGES='$(LC_MESSAGES)'))
export LANG := C.UTF-8
export LANGUAGE := en
unexport LC_ALL LC_MESSAGES

# On CI the corpus tests (../shared/corpus) fail instead of skipping.
ifeq ($(CI),true)
export KNOWFLOW_CORPUS ?= required
endif

BUILD := build
BIN := $(BUILD)/knowflow
FYNE_TOOLS := fyne.io/tools/cmd/fyne@v1.7.4
FYNE := $(GOBIN_DIR)/fyne
# nfpm makes the .deb; `go run` of its pinned version leaves go.mod alone.
NFPM := github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.48.0
VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
DEB := $(BUILD)/knowflow_$(VERSION)_amd64.deb
# make run ARGS='--section people'
ARGS ?=

# step NAME, COMMAND: runs COMMAND and says how long it took.
define step
	@printf '\n== %s\n' '$(1)'; t0=$$SECONDS; $(2); printf '== %s: ok in %ss\n' '$(1)' "$$((SECONDS - t0))"
endef

.PHONY: all deps deps-build deps-smoke build run test vet unit race smoke bench package deb deb-test clean

all: test

deps:
	@bash .ci/deps.sh all
deps-build:
	@bash .ci/deps.sh build
deps-smoke:
	@bash .ci/deps.sh smoke

# Always hand over to go build: it knows whether anything changed.
build: deps-build
	$(GO) build -o $(BIN) ./cmd/knowflow

run: build
	$(if $(RUN_LOCALE),env $(RUN_LOCALE)) ./$(BIN) $(ARGS)

# vet, unit tests, race tests, then the real window under Xvfb. Steps run in
# this order even under make -j.
test: deps
	$(call step,gofmt,out=$$($(GOFMT) -l cmd ui feeds model); test -z "$$out" || { echo "not gofmt-ed:"; echo "$$out"; exit 1; })
	$(call step,go vet,$(GO) vet ./...)
	$(call step,go test,$(GO) test ./...)
	$(call step,go test -race,$(GO) test -race ./...)
	$(call step,smoke,bash .ci/smoke.sh)
	$(call step,deb,$(MAKE) --no-print-directory deb-test)

vet: deps-build
	$(GO) vet ./...
unit: deps-build
	$(GO) test ./...
race: deps-build
	$(GO) test -race ./...

# The real window (race build) under Xvfb with a session bus, a tray host and
# a notification daemon; screenshots and logs in build/smoke/.
smoke: deps-build deps-smoke
	bash .ci/smoke.sh

# Go benchmarks (search over 100,000 items, a keystroke's search over
# 500,000 items (made once into $TMPDIR/knowflow-bench, a few minutes, and
# kept), refresh in process, parsing, the
# refresh's single writer alone, learning term associations over 100,000
# items, suggestions for 1,000 items x 500 people and 50,000 x 3,000, the
# WordNet table's load,
# the Share section with 5,000 suggestions, a Google Reader sync of 1,000
# feeds from a real Miniflux), then kfbench: the real binary
# refreshing 1,000 loopback feeds twice, and the stall meter: the window on
# 100,000 items driven with xdotool while a refresh runs beside it (worst
# wait of the UI goroutine and p99).
bench: build deps-smoke
	$(GO) test -run '^$$' -bench . -benchtime 1x -benchmem ./feeds/ ./feeds/parse/
	$(GO) test -run '^$$' -bench 'Search$$' -benchtime 200x ./model/store/
	$(GO) test -run '^$$' -bench SearchKeystroke -benchtime 1x -timeout 60m ./model/store/
	$(GO) test -run '^$$' -bench 'SuggestInput|SaveFetches' -benchtime 5x ./model/store/
	$(GO) test -run '^$$' -bench 'LearnAssociations|LearnProfiles' -benchtime 1x -timeout 30m ./model/store/
	$(GO) test -run '^$$' -bench ImportOPML -benchtime 1x ./cmd/knowflow/cli/
	$(GO) test -run '^$$' -bench 'Sync$$' -benchtime 1x -timeout 30m ./feeds/greader/
	$(GO) test -run '^$$' -bench 'Suggest$$|SuggestNetwork$$|IndexAndSearch' -benchtime 5x ./model/suggest/ ./model/suggest/internal/bm25/
	$(GO) test -run '^$$' -bench 'SuggestLarge|SuggestDense' -benchtime 1x -timeout 30m ./model/suggest/
	$(GO) test -run '^$$' -bench 'Load' -benchtime 1x ./model/lexicon/
	$(GO) test -run '^$$' -bench 'ShareOpen' -benchtime 5x ./ui/
	$(GO) run ./cmd/kfbench -knowflow $(BIN)
	xvfb-run -a -s '-screen 0 1280x800x24' $(GO) run ./cmd/kfbench -knowflow $(BIN) -stall -feeds 1000 -items 100

# The .deb (build/knowflow_VERSION_amd64.deb): the binary DEB_BIN (default
# build/knowflow), the .desktop file, the icon in the hicolor sizes and the
# AppStream metadata (assets/packaging/). deb-test checks it, installs it with
# dpkg -i, runs `knowflow version` and removes it (.ci/deb-test.sh).
DEB_BIN ?= $(BIN)
deb: $(if $(filter $(BIN),$(DEB_BIN)),build)
	install -D -m 0755 $(DEB_BIN) $(BUILD)/deb/knowflow
	KNOWFLOW_VERSION=$(VERSION) $(GO) run $(NFPM) pkg --packager deb --config assets/packaging/nfpm.yaml --target $(DEB)
deb-test: deb
	bash .ci/deb-test.sh $(DEB)

# make package: the .deb above, and a .tar.xz with the binary, icon and
# .desktop file, from FyneApp.toml, in build/. fyne package cannot build cmd/knowflow itself (FyneApp.toml is at
# the root, the main package is not), so it packages a binary built here,
# and runs in build/ so that its output and scratch files land there.
# Needs cmd/knowflow to build.
package: deps-build
	@$(FYNE) version 2>/dev/null | grep -qF 'v$(lastword $(subst @v, ,$(FYNE_TOOLS)))' || { echo "installing $(FYNE_TOOLS) into $(GOBIN_DIR)"; GOBIN=$(GOBIN_DIR) $(GO) install $(FYNE_TOOLS); }
	mkdir -p $(BUILD)/package
	$(GO) build -trimpath -ldflags='-s -w' -o $(BUILD)/package/knowflow ./cmd/knowflow
	@# fyne package bumps Build in FyneApp.toml each time: keep the file as committed.
	cp FyneApp.toml $(BUILD)/package/FyneApp.toml.orig
	@echo "(cd $(BUILD) && fyne package -os linux --release --src .. --exe package/knowflow)"
	@rc=0; (cd $(BUILD) && $(FYNE) package -os linux --release --src $(CURDIR) --exe $(CURDIR)/$(BUILD)/package/knowflow) || rc=$$?; \
	  cmp -s $(BUILD)/package/FyneApp.toml.orig FyneApp.toml || cp $(BUILD)/package/FyneApp.toml.orig FyneApp.toml; \
	  exit $$rc
	$(MAKE) --no-print-directory deb DEB_BIN=$(BUILD)/package/knowflow
	@ls -l $(BUILD)/*.tar.xz $(DEB)

clean:
	rm -rf $(BUILD)/
