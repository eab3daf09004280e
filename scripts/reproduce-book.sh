#!/usr/bin/env bash
# Reproduces the book's MNIST figures (Nielsen, chapters 1 and 3): four 30-epoch runs, one seed,
# mini-batch 10. Writes each run's per-epoch CSV to artifacts/book/ and prints the best epoch of each.
# Usage: scripts/reproduce-book.sh [SEED]        (about 2-3 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seed="${1:-1}"
out=artifacts/book
mkdir -p "$out"
run() { # name, book figure, then train options
  local name="$1" book="$2"; shift 2
  scripts/nettrainer train --seed "$seed" --epochs 30 --mini-batch-size 10 --metrics "$out/$name.csv" "$@" > "$out/$name.log"
  # best evaluation accuracy over the epochs, and its epoch
  awk -F, -v name="$name" -v book="$book" -v args="$*" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { acc = $col["evaluation_accuracy"]; if (acc > best) { best = acc; epoch = $col["epoch"] } }
    END { printf "| %s | %.2f%% (epoch %d) | %s |\n", args, 100 * best, epoch, book }' "$out/$name.csv"
}
echo "| run (seed $seed, 30 epochs, mini-batch 10) | best accuracy | book |"
echo "|---|---|---|"
run quadratic-sigmoid-30 "95.42% (test)" --sizes 784,30,10 --cost quadratic --output sigmoid --eta 3.0 --init large --evaluate-on test
run cross-entropy-sigmoid-30-l2 "96.49% (test)" --sizes 784,30,10 --cost cross-entropy --output sigmoid --eta 0.5 --lambda 5.0 --init large --evaluate-on test
run cross-entropy-sigmoid-100-l2 "97.92% (validation)" --sizes 784,100,10 --cost cross-entropy --output sigmoid --eta 0.5 --lambda 5.0 --evaluate-on validation
run nll-softmax-100 "97.80% (test, 60 epochs)" --sizes 784,100,10 --cost nll --output softmax --eta 0.1 --lambda 0 --evaluate-on test
