# Selo — the two commands a newcomer needs are `make run` and `make test`.
# Everything else is a building block of those two.

VERSION ?= 0.1.0
LDFLAGS := -s -w -X main.version=$(VERSION)
WAILS := build/bin/wails
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/package-lock.json -type f 2>/dev/null)

.PHONY: run test build windows bindings frontend deps deps-test clean windows-installer deb deb-test smoke bench office-demo

## run: install what is missing, build the app and open its window
run: deps build
	./build/bin/selo

## test: install what is missing, then run every check (see build/scripts/test.sh),
## the store suite also on a throwaway PostgreSQL; SELO_STEPS=word,... picks steps
test: deps-test frontend/dist-gz/index.html.gz
	./build/scripts/test.sh

## office-demo: a throwaway PostgreSQL and two Selo windows on it (office mode on one machine)
office-demo: deps-test build
	./build/scripts/office-demo.sh

## build: production binary for Linux (webkit2gtk-4.1) at build/bin/selo
build: frontend/dist-gz/index.html.gz
	go build -tags desktop,production,webkit2_41 -trimpath -ldflags "$(LDFLAGS)" -o build/bin/selo .

## windows: Windows amd64 GUI executable cross-built with CGO off
windows: frontend/dist-gz/index.html.gz
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -tags desktop,production -trimpath \
		-ldflags "$(LDFLAGS) -H windowsgui" -o build/bin/selo.exe .
	@file build/bin/selo.exe | tee /dev/stderr | grep -q 'PE32+ executable (GUI) x86-64' \
		|| { echo "windows: build/bin/selo.exe is not a PE32+ GUI executable" >&2; exit 1; }

## bindings: regenerate frontend/wailsjs from the bound Go methods
bindings: deps frontend/dist-gz/index.html.gz
	$(WAILS) generate module

## frontend: build the web assets embedded in the binary
frontend: frontend/dist-gz/index.html.gz
frontend/dist-gz/index.html.gz: $(FRONTEND_SRC)
	cd frontend && npm run --silent build

deps:
	./build/scripts/deps.sh run

deps-test:
	./build/scripts/deps.sh test

clean:
	rm -rf build/bin frontend/dist frontend/dist-gz frontend/e2e-artifacts

# --- shipping ----------------------------------------------------------------

## windows-installer: selo.exe with icon, version info and manifest, plus the
## per-user NSIS installer build/bin/selo-$(VERSION)-setup.exe; checks both
windows-installer: deps-test frontend/dist-gz/index.html.gz
	LDFLAGS="$(LDFLAGS)" ./build/scripts/windows-installer.sh $(VERSION)

## deb: Debian package build/bin/selo_$(VERSION)_amd64.deb of the production binary
deb: deps-test build
	./build/scripts/deb.sh $(VERSION)

## deb-test: install the .deb with apt (root), open the installed Selo under Xvfb, remove it
deb-test: deb
	./build/scripts/deb-test.sh $(VERSION)

## smoke: the production binary draws a real window under Xvfb and exits cleanly on close
smoke: deps-test build
	./build/scripts/smoke.sh

## bench: the performance figures (PDF merge vs qpdf, JivoChat burst), as
## "name: value" lines and a markdown table in build/bench-results.md
bench: deps-test frontend/dist-gz/index.html.gz
	./build/scripts/bench.sh
