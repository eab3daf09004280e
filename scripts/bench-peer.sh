#!/usr/bin/env bash
# NetTrainer against its peer, TorchSharp (LibTorch), in one run and interleaved: round 1 NetTrainer, round 1
# TorchSharp, round 2 NetTrainer, ... so that a noisy neighbour on a shared machine hits both alike.
# Usage: scripts/bench-peer.sh [--peer DIR] [--rounds N] [--epochs N] [--data-dir DIR]
#   --peer      the TorchSharp peer's sources (default: ../shared/bench/torchsharp next to this checkout); they are
#               copied to and built in $TMPDIR/nettrainer-torchsharp-peer (about 1.2 GB of NuGet packages, once)
#   --rounds    interleaved rounds (default 2); --epochs timed epochs per configuration (default 5)
#   --data-dir  the MNIST IDX files (default data/mnist; fetched by nettrainer when missing)
# Prints NetTrainer's bench figures and the peer's seconds per epoch for the same three configurations on 1 and 2
# threads (sigmoid, cross-entropy, SGD, float32, 50,000 images), each round under its own header.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peer="$root/../shared/bench/torchsharp" rounds=2 epochs=5 data="$root/data/mnist"
while [[ $# -gt 0 ]]; do
  if [[ "$1" == --* && $# -lt 2 ]]; then
    echo "bench-peer.sh: $1 needs a value (see the usage at the top of this script)" >&2
    exit 2
  fi
  case "$1" in
    --peer) peer="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --data-dir) data="$2"; shift 2 ;;
    *) echo "bench-peer.sh: unknown option '$1' (see the usage at the top of this script)" >&2; exit 2 ;;
  esac
done
for number in "$rounds" "$epochs"; do
  if ! [[ "$number" =~ ^[1-9][0-9]*$ ]]; then
    echo "bench-peer.sh: '$number' is not a whole number of rounds or epochs (1 or more)" >&2
    exit 2
  fi
done
if [[ ! -f "$peer/TorchSharpBench.csproj" ]]; then
  echo "bench-peer.sh: no TorchSharp peer at '$peer' (TorchSharpBench.csproj missing); pass --peer DIR" >&2
  exit 2
fi

# The peer runs in its build folder: a relative --data-dir is taken from where this script was started.
[[ "$data" == /* ]] || data="$PWD/$data"

build="${TMPDIR:-/tmp}/nettrainer-torchsharp-peer"
mkdir -p "$build"
cp -ru "$peer"/. "$build"/
echo "Building the peer in $build ..."
if ! log=$(cd "$build" && dotnet build -c Release -v quiet -nologo 2>&1); then
  echo "$log" >&2
  echo "bench-peer.sh: the TorchSharp peer did not build (see above)" >&2
  exit 1
fi

# bench fetches MNIST when it is missing; the peer needs the raw files, so NetTrainer goes first.
for ((round = 1; round <= rounds; round++)); do
  echo "=== round $round of $rounds: NetTrainer ($(date +%T))"
  "$root/scripts/nettrainer" bench --epochs "$epochs" --quiet --data-dir "$data" --csv "$build/nettrainer-round-$round.csv"
  echo "=== round $round of $rounds: TorchSharp ($(date +%T))"
  (cd "$build" && dotnet bin/Release/net10.0/TorchSharpBench.dll --data-dir "$data" --threads 1,2 \
    --configs 30:10,100:10,100:100 --variants idiomatic,manual --epochs "$epochs")
done
echo "=== done ($(date +%T)); NetTrainer's figures per round are in $build/nettrainer-round-*.csv"
