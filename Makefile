# The two commands of the quick start, plus a few for developers.
#   make demo   the kiosk with simulated devices (a window, or a tour of screenshots without a display)
#   make test   the whole test suite
# Both first install whatever is missing (scripts/ensure-env).

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
TOUR_DIR := out/tour

.PHONY: demo test env lint bench page-model clean

env:
	@scripts/ensure-env

demo: env
	@if [ -n "$$DISPLAY" ]; then \
		$(BIN)/kiosk demo; \
	else \
		$(BIN)/kiosk demo --tour $(TOUR_DIR) && \
		echo "No display here, so the demo toured the kiosk instead: pictures in $(TOUR_DIR)/, index in $(TOUR_DIR)/tour.json"; \
	fi

test:
	@scripts/ensure-env --test
	@$(BIN)/python -m pytest

lint: env
	@$(BIN)/ruff check .

bench: env
	@for b in bench/[!_]*.py; do $(BIN)/python $$b || exit 1; done

# Retrain the page model from generated photos (about 45 minutes on 2 cores; needs the
# page-model-build extra) and write kiosk/scanning/data/page_model.onnx. See docs/scanning.md.
PAGE_DATA := var/page-model-data
page-model: env
	@$(BIN)/python -m pip install -q -e '.[page-model-build]'
	@$(BIN)/python -m scripts.page_model.data $(PAGE_DATA) --n 13000
	@$(BIN)/python -m scripts.page_model.train $(PAGE_DATA) --epochs 16 \
		--out kiosk/scanning/data/page_model.onnx

clean:
	rm -rf out var .pytest_cache .ruff_cache .hypothesis
