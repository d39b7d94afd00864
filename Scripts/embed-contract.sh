#!/bin/sh
# Writes OUT, a Swift file holding the contract IN (Protocol/partner.openrpc.json) byte for byte
# as `PartnerSchema.documentText`. PartnerAPI's build runs it (Plugins/ContractEmbedPlugin), and
# so does Fuzz/build.sh, which compiles PartnerAPI without the package manager.
#
#   Scripts/embed-contract.sh IN OUT
set -e
in=$1
out=$2
# The document must not hold the raw literal's closing delimiter.
if grep -q '"""#' "$in"; then
    echo "$in holds the sequence \"\"\"# and cannot be embedded" >&2
    exit 1
fi
# A multi-line literal drops the newline before its closing delimiter: the extra one keeps the
# file's final newline.
{
    printf '%s\n' 'extension PartnerSchema {'
    printf '%s\n' '    /// The OpenRPC document, byte for byte as in `Protocol/partner.openrpc.json`.'
    printf '%s\n' '    public static let documentText: String = #"""'
    cat "$in"
    printf '\n%s\n%s\n' '"""#' '}'
} >"$out.tmp"
mv "$out.tmp" "$out"
