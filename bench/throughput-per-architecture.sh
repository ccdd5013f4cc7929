#!/usr/bin/env bash
# Training and prediction speed of every architecture at 1x28x28 with the small stem, batch 128,
# measured by `./classify bench` one after the other in one session (so that the ratios compare on
# this noisy 2-core machine). Prints one line per model: compute (training steps on a batch in
# memory), pipeline (fed by the data path with the 28x28 recipe's augmentation) and inference
# images/s, and peak resident memory. The deep networks get fewer steps so that the whole takes
# about half an hour on 2 CPU cores; pick models with arguments, e.g.
#   bench/throughput-per-architecture.sh "resnet 50" "se-resnet 50"
# The JSON lines are appended to runs/throughput.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
models=("$@")
if [ ${#models[@]} -eq 0 ]; then
  models=("simple-cnn" "resnet 20" "resnet 18" "se-resnet 18" "resnet 34" "se-resnet 34"
          "resnet 50" "se-resnet 50" "resnet 101" "resnet 152")
fi
mkdir -p runs
printf "%-14s %10s %10s %10s %9s\n" model compute pipeline inference "peak MB"
for model in "${models[@]}"; do
  set -- $model
  type=$1 depth=${2:-}
  case "${depth:-0}" in
    0) steps=50 warmup=5 ;;
    20) steps=20 warmup=3 ;;
    18 | 34) steps=6 warmup=2 ;;
    *) steps=3 warmup=1 ;;
  esac
  extra=()
  if [ -n "$depth" ]; then extra=(--depth "$depth" --stem small); fi
  line=$(./classify bench --model "$type" "${extra[@]}" --batch-size 128 --steps "$steps" \
      --warmup "$warmup" --output runs/throughput.jsonl 2>&1 | tail -1)
  number() { grep -o "\"$1\":[0-9.]*" <<< "$line" | cut -d: -f2; }
  if [ -z "$(number compute_images_per_second)" ]; then
    echo "$model: failed: $line"
    continue
  fi
  printf "%-14s %10.1f %10.1f %10.1f %9.0f\n" "$model" "$(number compute_images_per_second)" \
      "$(number pipeline_images_per_second)" "$(number inference_images_per_second)" \
      "$(number peak_rss_mb)"
done
