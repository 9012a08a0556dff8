# MotCua: `make` (= make run) builds and starts the demo server; `make test`; `make bench`;
# `make training` (re)creates and serves the training copy of the province on port 8081.
# Configuration comes from the environment (see README): MOTCUA_DB, MOTCUA_PORT,
# MOTCUA_ADDRESS, MOTCUA_SEED_DIR. Defaults: sqlite var/motcua.db, 127.0.0.1:8080, data/seed.
SHELL := /bin/bash
.DEFAULT_GOAL := run

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
MOTCUA := $(BUILD_DIR)/motcua
DB_FILE ?= var/motcua.db
# The training copy (docs/operations.md, "Training copy"): its own database, files and port.
TRAINING_DB ?= var/training.db
TRAINING_FILES ?= var/training-files
TRAINING_PORT ?= 8081
TRAINING_ENV := MOTCUA_DB=sqlite:$(TRAINING_DB) MOTCUA_FILES_DIR=$(TRAINING_FILES) MOTCUA_PORT=$(TRAINING_PORT) MOTCUA_TRAINING=1

.PHONY: run test bench build clean bootstrap training training-reset

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
	  $(MOTCUA) migrate && $(MOTCUA) seed && $(MOTCUA) seed-demo || { rm -f $(DB_FILE); exit 1; }; \
	fi
	@$(MOTCUA) accounts
	exec scripts/serve_demo.sh $(MOTCUA)

# Wipes the training copy and creates it again (migrate, seed, the living demo desk); refuses
# while its server still answers (stop it with Ctrl+C first).
training-reset: build
	@if curl -fsS -m 2 http://127.0.0.1:$(TRAINING_PORT)/api/v1/health 2>/dev/null | grep -q '"training":true'; then \
	  echo "make: the training server still runs on port $(TRAINING_PORT): stop it (Ctrl+C) first" >&2; exit 1; fi
	@mkdir -p var
	@rm -rf $(TRAINING_DB) $(TRAINING_DB)-wal $(TRAINING_DB)-shm $(TRAINING_FILES)
	@echo "make: creating the training database $(TRAINING_DB)"
	@$(TRAINING_ENV) $(MOTCUA) migrate && $(TRAINING_ENV) $(MOTCUA) seed && $(TRAINING_ENV) $(MOTCUA) seed-demo \
	  || { rm -f $(TRAINING_DB); exit 1; }

# The training copy from scratch, served on http://127.0.0.1:8081: every page and printed form
# says «BẢN ĐÀO TẠO — không có giá trị pháp lý».
training: training-reset
	@$(TRAINING_ENV) $(MOTCUA) accounts
	@echo "BẢN ĐÀO TẠO — không có giá trị pháp lý: http://127.0.0.1:$(TRAINING_PORT)/staff"
	exec env $(TRAINING_ENV) $(MOTCUA) serve

test: build
	scripts/run_tests.sh

bench: build
	python3 bench/run.py
	python3 bench/feedback.py
	python3 bench/kpi.py
	scripts/bench_pg_kpi.sh

clean:
	rm -rf $(BUILD_DIR)
