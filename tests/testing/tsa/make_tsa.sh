#!/usr/bin/env bash
# Makes a throwaway RFC 3161 time-stamping authority for tests with the openssl command:
# a CA, a TSA certificate it issues (extendedKeyUsage critical timeStamping) and the config that
# `openssl ts -reply` reads.
# Usage: make_tsa.sh DIR   -> DIR/ca.pem, DIR/tsa.pem, DIR/tsa.key, DIR/tsa.cnf
set -euo pipefail
dir=${1:?usage: make_tsa.sh DIR}
mkdir -p "$dir"
cd "$dir"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.pem -days 30 -subj "/CN=Holdfast test TSA CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  2>/dev/null
openssl req -new "${ec[@]}" -keyout tsa.key -out tsa.csr -subj "/CN=Holdfast test TSA" 2>/dev/null
printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
  "extendedKeyUsage=critical,timeStamping" >tsa.ext
openssl x509 -req -in tsa.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
  -extfile tsa.ext -out tsa.pem 2>/dev/null
echo 01 >serial
cat >tsa.cnf <<CNF
[ tsa ]
default_tsa = tsa_config

[ tsa_config ]
dir = $PWD
serial = \$dir/serial
crypto_device = builtin
signer_cert = \$dir/tsa.pem
certs = \$dir/tsa.pem
signer_key = \$dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.55555.1
other_policies = 1.3.6.1.4.1.55555.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
