# Selo — the two commands a newcomer needs are `make run` and `make test`.
# Everything else is a building block of those two.

VERSION ?= 0.1.0
LDFLAGS := -s -w -X main.version=$(VERSION)
WAILS := build/bin/wails
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/package-lock.json -type f 2>/dev/null)

.PHONY: run test build windows bindings frontend deps deps-test clean

## run: install what is missing, build the app and open its window
run: deps build
	./build/bin/selo

## test: install what is missing, then run every check (see build/scripts/test.sh)
test: deps-test frontend/dist/index.html
	./build/scripts/test.sh

## build: production binary for Linux (webkit2gtk-4.1) at build/bin/selo
build: frontend/dist/index.html
	go build -tags desktop,production,webkit2_41 -trimpath -ldflags "$(LDFLAGS)" -o build/bin/selo .

## windows: Windows amd64 GUI executable cross-built with CGO off
windows: frontend/dist/index.html
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -tags desktop,production -trimpath \
		-ldflags "$(LDFLAGS) -H windowsgui" -o build/bin/selo.exe .
	@file build/bin/selo.exe | tee /dev/stderr | grep -q 'PE32+ executable (GUI) x86-64' \
		|| { echo "windows: build/bin/selo.exe is not a PE32+ GUI executable" >&2; exit 1; }

## bindings: regenerate frontend/wailsjs from the bound Go methods
bindings: deps
	$(WAILS) generate module

## frontend: build the web assets embedded in the binary
frontend: frontend/dist/index.html
frontend/dist/index.html: $(FRONTEND_SRC)
	cd frontend && npm run --silent build

deps:
	./build/scripts/deps.sh run

deps-test:
	./build/scripts/deps.sh test

clean:
	rm -rf build/bin frontend/dist frontend/e2e-artifacts
