#!/usr/bin/env bash
# The machine code the .NET JIT makes of NetTrainer's kernels for a CPU this machine may not have: for instance the
# 512-bit kernels (AVX-512) on an AMD machine with AVX2 only, where the runtime never compiles them. crossgen2 (the
# ahead-of-time compiler, fetched from NuGet by a ReadyToRun publish) runs the same JIT for the instruction sets
# named. Its code can differ from the runtime's: other inlining, and statics reached through a helper call, around
# which the JIT may keep a loop's vectors on the stack where the runtime's code keeps them in registers (PixelTile,
# which reads the pixel table: spilled here, not at run time). Read a kernel's inner loop (loads, shuffles, FMAs),
# and check a spill against DOTNET_JitDisasm on a machine that runs that path.
# Usage: scripts/jit-disasm.sh [--isa SETS] [--out FILE] METHODS
#   METHODS  the JIT's method filter: one or more names, e.g. DotTile CombineTile PixelTile
#   --isa    crossgen2's --instruction-set (default x86-64-v4: AVX-512 F, BW, CD, DQ, VL; x86-64-v3 is AVX2 + FMA)
#   --out    where the listing goes (default artifacts/disasm-ISA.txt)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
isa=x86-64-v4 out="" methods=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --isa|--out)
      if [[ $# -lt 2 ]]; then echo "jit-disasm.sh: $1 needs a value (see the usage at the top of this script)" >&2; exit 2; fi
      if [[ "$1" == --isa ]]; then isa="$2"; else out="$2"; fi
      shift 2 ;;
    --*) echo "jit-disasm.sh: unknown option '$1' (see the usage at the top of this script)" >&2; exit 2 ;;
    *) methods="${methods:+$methods }$1"; shift ;;
  esac
done
if [[ -z "$methods" ]]; then
  echo "jit-disasm.sh: name the methods to list, e.g. scripts/jit-disasm.sh DotTile (see the usage at the top of this script)" >&2
  exit 2
fi
out="${out:-$root/artifacts/disasm-$isa.txt}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A ReadyToRun publish brings the crossgen2 package for this SDK into the NuGet cache, and the compiled assemblies.
dotnet publish "$root/src/NetTrainer.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/publish" > "$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
# The newest .NET 10 runtime and crossgen2 (the project targets net10.0).
version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ {v = $2} END {print v}')"
framework="$(dotnet --list-runtimes | awk -v v="$version" '$1 == "Microsoft.NETCore.App" && $2 == v {gsub(/[\[\]]/, "", $3); print $3 "/" v}')"
crossgen="$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/microsoft.netcore.app.crossgen2.linux-x64/10.*/tools/crossgen2 2>/dev/null | sort -V | tail -1)"
if [[ -z "$framework" || -z "$crossgen" ]]; then
  echo "jit-disasm.sh: found no .NET 10 runtime ('$framework') or crossgen2 10 in the NuGet cache ('$crossgen')" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")" "$work/r2r"
rm -f "$out"
# Both assemblies in one composite image, so that the generic kernels are compiled for the types the CLI uses.
"$crossgen" "$root/src/NetTrainer/bin/Release/net10.0/NetTrainer.dll" \
  "$root/src/NetTrainer.Cli/bin/Release/net10.0/linux-x64/NetTrainer.Cli.dll" \
  --composite --inputbubble -r "$framework/*.dll" -r "$work/publish/*.dll" --targetos linux --targetarch x64 -O \
  --instruction-set "$isa" --parallelism 1 -o "$work/r2r" --codegenopt "JitDisasm=$methods" --codegenopt "JitStdOutFile=$out" \
  > "$work/crossgen.log" 2>&1 || true # the listing is written as the methods compile, whatever the image's fate
if [[ ! -s "$out" ]]; then
  echo "jit-disasm.sh: crossgen2 listed no method matching '$methods' for $isa:" >&2
  tail -5 "$work/crossgen.log" >&2
  exit 1
fi
echo "$(grep -c '; Assembly listing' "$out") methods listed in $out"
