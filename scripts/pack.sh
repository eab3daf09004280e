#!/usr/bin/env bash
# Packs the library (NetTrainer) and the tool (NetTrainer.Tool, command nettrainer) into artifacts/packages, version from Directory.Build.props.
# Install the tool from there:  dotnet tool install --global --add-source artifacts/packages NetTrainer.Tool
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="artifacts/packages"
mkdir -p "$out"
dotnet pack src/NetTrainer -c Release --nologo -v quiet -o "$out"
dotnet pack src/NetTrainer.Cli -c Release --nologo -v quiet -o "$out"
ls -1 "$out"/*.nupkg
