#!/usr/bin/env bash
# Trains an ensemble and measures it: one run of CONFIG per seed, all at once, each with its share
# of the cores (OMP_NUM_THREADS = cores / runs, at least 1), then `classify evaluate` of the
# ensemble on the images the runs held out (the same ones: the seed of data.validation is not
# train.seed) and `classify predict` of the ensemble on data.test. Prints the time of each step.
#   bench/train-ensemble.sh CONFIG OUTPUT [SEED...] [-- TRAIN_OPTION...]
# e.g. bench/train-ensemble.sh configs/fashion-best-cpu.yaml runs/best-ensemble 42 43
# Seeds default to 42 43. Writes OUTPUT/seed-S (run folders, each with its console in
# OUTPUT/seed-S.log), OUTPUT/holdout-evaluation and OUTPUT/submission.csv.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
config=$(realpath -m "$1") output=$(realpath -m "$2")
shift 2
cd "$(dirname "$0")/.."
seeds=() extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  seeds+=("$1"); shift
done
[ ${#seeds[@]} -gt 0 ] || seeds=(42 43)
if [ -e "$output" ]; then
  echo "$output: exists; give a new OUTPUT folder" >&2
  exit 2
fi
mkdir -p "$output"
threads=$(( $(nproc) / ${#seeds[@]} ))
[ "$threads" -ge 1 ] || threads=1
start=$(date +%s)
elapsed() { local s=$(( $(date +%s) - start )); printf '%dm %02ds' $((s / 60)) $((s % 60)); }

echo "training ${#seeds[@]} runs of $config at once (seeds ${seeds[*]}), $threads OpenMP thread(s) each"
pids=() runs=()
for seed in "${seeds[@]}"; do
  run="$output/seed-$seed"
  runs+=("$run")
  OMP_NUM_THREADS=$threads ./classify train --config "$config" --set "train.seed=$seed" \
      --output "$run" ${extra[@]+"${extra[@]}"} > "$run.log" 2>&1 &
  pids+=($!)
done
failed=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then
    echo "$(elapsed)  ${runs[$i]}: $(grep -o 'hold-out accuracy [0-9.]*, model of epoch [0-9]*' "${runs[$i]}.log" | tail -n 1)"
  else
    echo "${runs[$i]}: training failed, see ${runs[$i]}.log" >&2
    failed=1
  fi
done
[ "$failed" -eq 0 ] || exit 1

models=()
for run in "${runs[@]}"; do
  models+=(--model "$run")
  if ! cmp -s "${runs[0]}/holdout.csv" "$run/holdout.csv"; then
    echo "$run/holdout.csv: the runs held out other images than ${runs[0]}; keep data.validation as it is" >&2
    exit 2
  fi
done

# The data of the first run, from the config.yaml that classify train wrote (absolute paths).
data() {
  awk -v want="$1" -v key="$2" '
    /^[^ ]/ { top = $0 }
    top == "data:" && /^  [a-z]/ { section = $1 }
    top == "data:" && section == want ":" && $1 == key ":" { print $2; exit }' "${runs[0]}/config.yaml"
}
train_images=$(data train images) train_labels=$(data train labels)
OMP_NUM_THREADS=$(nproc) ./classify evaluate "${models[@]}" --images "$train_images" \
    --labels "$train_labels" --ids "${runs[0]}/holdout.csv" --output "$output/holdout-evaluation" |
  grep -E '^(accuracy|ensemble) '
echo "$(elapsed)  wrote $output/holdout-evaluation"
test_images=$(data test images)
if [ -n "$test_images" ]; then
  OMP_NUM_THREADS=$(nproc) ./classify predict "${models[@]}" --images "$test_images" \
      --output "$output/submission.csv" | grep '^wrote '
  echo "$(elapsed)  done"
fi
