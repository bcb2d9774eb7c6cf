#!/usr/bin/env bash
# Throwaway production secrets for a benchmark run: the JWT key pair and a Tink AES-256-GCM keyset.
# Usage: bench/secrets.sh DIR   (writes jwt-private.pem, jwt-public.pem, keyset.json, audit-checkpoint.key into DIR)
set -euo pipefail
dir=${1:?directory}
mkdir -p "$dir"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null
openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem"
# A Tink JSON keyset with one AES-256-GCM key: the serialized AesGcmKey proto is field 3 (key_value, 0x1a),
# 32 bytes long (0x20), with version 0 left out.
key_id=$(( (RANDOM << 15 | RANDOM) + 1 ))
value=$( { printf '\x1a\x20'; openssl rand 32; } | base64 -w0)
cat > "$dir/keyset.json" <<JSON
{"primaryKeyId":$key_id,"key":[{"keyData":{"typeUrl":"type.googleapis.com/google.crypto.tink.AesGcmKey","value":"$value","keyMaterialType":"SYMMETRIC"},"status":"ENABLED","keyId":$key_id,"outputPrefixType":"TINK"}]}
JSON
# The key that seals the audit trail's checkpoints: 32 random bytes, as hex.
openssl rand -hex 32 > "$dir/audit-checkpoint.key"
chmod 600 "$dir"/*
