# MotCua: `make` (= make run) builds and starts the demo server; `make test`; `make bench`.
# Configuration comes from the environment (see README): MOTCUA_DB, MOTCUA_PORT,
# MOTCUA_ADDRESS, MOTCUA_SEED_DIR. Defaults: sqlite var/motcua.db, 127.0.0.1:8080, data/seed.
SHELL := /bin/bash
.DEFAULT_GOAL := run

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
MOTCUA := $(BUILD_DIR)/motcua
DB_FILE ?= var/motcua.db

.PHONY: run test bench build clean bootstrap

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	@if [ ! -f $(BUILD_DIR)/build.ninja ] || ! grep -q '^CMAKE_BUILD_TYPE:STRING=$(BUILD_TYPE)$$' $(BUILD_DIR)/CMakeCache.txt 2>/dev/null; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE); fi
	ninja -C $(BUILD_DIR) -j $(JOBS)
	@if [ -f web/package.json ]; then (cd web && npm run build); fi

run: build
	@mkdir -p var
	@if [ -z "$$MOTCUA_DB" ] && [ ! -f $(DB_FILE) ]; then \
	  echo "make: creating demo database $(DB_FILE)"; \
	  $(MOTCUA) migrate && $(MOTCUA) seed || { rm -f $(DB_FILE); exit 1; }; \
	fi
	@$(MOTCUA) accounts
	exec $(MOTCUA) serve

test: build
	scripts/run_tests.sh

bench: build
	python3 bench/run.py

clean:
	rm -rf $(BUILD_DIR)
