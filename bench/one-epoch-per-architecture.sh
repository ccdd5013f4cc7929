#!/usr/bin/env bash
# Issue 4's check that every architecture trains: one epoch of each on the reference data at its
# natural input (1x28x28, small stem; batch 128, SGD 0.05 momentum 0.9), printing one line per
# model with its validation accuracy and seconds. Hours on 2 CPU cores (ResNet-152 alone about 52
# minutes); pick models with arguments, e.g.
#   bench/one-epoch-per-architecture.sh "resnet 34" "se-resnet 34"
# Runs go to runs/one-epoch/<model>-<depth>; the reference data is expected where
# configs/fashion-mnist-simple-cnn.yaml points (../shared/data/fashion-mnist beside the checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
models=("$@")
if [ ${#models[@]} -eq 0 ]; then
  models=("simple-cnn" "resnet 20" "resnet 18" "se-resnet 18" "resnet 34" "se-resnet 34"
          "resnet 50" "se-resnet 50" "resnet 101" "resnet 152")
fi
for model in "${models[@]}"; do
  set -- $model
  type=$1 depth=${2:-}
  out="runs/one-epoch/${type}${depth:+-$depth}"
  rm -rf "$out" "$out.log"
  mkdir -p runs/one-epoch
  extra=()
  if [ -n "$depth" ]; then extra=(--set "model.depth=$depth" --set model.stem=small); fi
  start=$(date +%s)
  ./classify train --config configs/fashion-mnist-simple-cnn.yaml --output "$out" \
      --set train.epochs=1 --set train.batchSize=128 --set train.optimizer.learningRate=0.05 \
      --set "model.type=$type" "${extra[@]}" > "$out.log" 2>&1 || { echo "$model: failed, see $out.log"; continue; }
  seconds=$(( $(date +%s) - start ))
  awk -F, -v m="$model" -v s="$seconds" 'NR == 2 {
      printf "%-14s val_accuracy %.4f  %5d s in all  %.0f training images/s\n", m, $6, s, $8 }' \
      "$out/metrics.csv"
done
