# SPDX-License-Identifier: Apache-2.0
# The API contract test: every endpoint's answers against Rockset's published OpenAPI documents
# (tests/contract/contract.py, python3-jsonschema), on a fresh rockset-local.
TESTS += tests/contract/contract.sh
EXTRA_DIST += tests/contract/contract.sh tests/contract/contract.py tests/contract/scenario.py \
	tests/contract/schema.py tests/contract/rules.py tests/contract/nullable.json \
	tests/contract/rockset-openapi-0.9.2.json tests/contract/rockset-openapi-0.8.2.json
