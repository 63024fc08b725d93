#!/usr/bin/env bash
# Creates an Amazon Connect instance through an emulator's own API (CreateInstance, which moto and
# LocalStack implement; both generate the instance id) and prints its id, for the emulator column of the
# nightly matrix: `CONFORMANCE_INSTANCE_ID=$(create-emulator-instance.sh http://127.0.0.1:4566)`.
# Uses the AWS CLI with whatever (dummy) credentials the environment has. Exit 1 with one line on stderr
# when the emulator does not answer CreateInstance.
set -euo pipefail
url="${1:?usage: create-emulator-instance.sh <emulator url> [alias]}"
alias="${2:-cvc-conformance}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}" AWS_PAGER=""
if ! id=$(aws connect create-instance --endpoint-url "$url" --identity-management-type CONNECT_MANAGED \
    --instance-alias "$alias" --inbound-calls-enabled --outbound-calls-enabled --query Id --output text 2>&1); then
  echo "create-emulator-instance: $url did not create a Connect instance: $(echo "$id" | tr '\n' ' ')" >&2
  exit 1
fi
echo "$id"
