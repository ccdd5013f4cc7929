#!/usr/bin/env bash
# Local-mode throughput of ./classify-spark against single-process ./classify predict, on the same
# images, for simple-cnn and resnet 18 (small stem, width 0.25), each trained here for one epoch on
# the quick-start data. A benchmark, not a test: run it on an idle machine.
#   bench/spark-throughput.sh [IMAGES.npy]     (default: the quick-start's 6,000 training images)
# Per model it prints, for 1 core (OMP_NUM_THREADS=1; Spark local[1]: what one executor core gives)
# and for all cores: the wall time of the whole command (JVM, Spark and model start included) and
# images/s over it, and for Spark also the job's own images/s (reading, decoding, forward passes
# and writing, once the model is loaded; printed by the job).
set -euo pipefail
cd "$(dirname "$0")/.."
images="${1:-examples/fashion-mnist-small/train.npy}"
work="${BENCH_DIR:-runs/spark-bench}"
cores="$(nproc 2>/dev/null || echo 2)"
mkdir -p "$work"

train() {
  local name=$1
  shift
  if [ ! -f "$work/$name/model/classify-model.json" ]; then
    rm -rf "${work:?}/$name"
    ./classify train --set train.epochs=1 "$@" --output "$work/$name" > "$work/$name.train.out"
  fi
}
train simple-cnn
train resnet18-w025 --set model.type=resnet --set model.depth=18 --set model.stem=small \
    --set model.width=0.25

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

printf "%-15s %-22s %6s %8s %12s %12s\n" model way cores "wall s" "img/s wall" "img/s job"
for name in simple-cnn resnet18-w025; do
  for threads in 1 "$cores"; do
    start=$(now)
    line=$(OMP_NUM_THREADS=$threads ./classify predict --model "$work/$name" --images "$images" \
        --output "$work/$name-predict.csv" --force | tail -1)
    end=$(now)
    count=$(grep -o 'wrote [0-9]*' <<< "$line" | grep -o '[0-9]*')
    seconds=$(elapsed "$start" "$end")
    printf "%-15s %-22s %6s %8s %12s %12s\n" "$name" "classify predict" "$threads" "$seconds" \
        "$(rate "$count" "$seconds")" "-"

    start=$(now)
    out=$(OMP_NUM_THREADS=$threads ./classify-spark predict --master "local[$threads]" \
        --model "$work/$name" --images "$images" --output "$work/$name-spark" --force)
    end=$(now)
    count=$(grep -o 'wrote [0-9]*' <<< "$out" | grep -o '[0-9]*')
    job=$(grep -o '[0-9]* images/s' <<< "$out" | grep -o '[0-9]*')
    seconds=$(elapsed "$start" "$end")
    printf "%-15s %-22s %6s %8s %12s %12s\n" "$name" "classify-spark local[$threads]" "$threads" \
        "$seconds" "$(rate "$count" "$seconds")" "$job"
  done
done
