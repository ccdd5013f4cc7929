#!/usr/bin/env bash
# Issue 17's parity check of `classify import`: torchvision's ResNet-18 and ResNet-50 and timm's
# SE-ResNet-50 (built in timm's layout on torchvision's blocks) at 3x224x224 with 1000 classes,
# seeded random weights and batch-norm statistics, written as safetensors with torchvision's
# log-probabilities of random images by tools/torchvision_fixtures.py (Debian's python3-torchvision,
# run with /usr/bin/python3), then imported and run by classify on MXNet and PyTorch. Prints one
# line per network and engine with the largest difference of log-probabilities (the test asserts
# below 1e-3), e.g.
#   parity resnet50 MXNet: 2 images, 1000 classes, max |log p - torchvision| = 3.17e-05
# About 2 minutes on 2 cores; the fixtures (about 260 MB) go to target/torchvision-fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures="$PWD/target/torchvision-fixtures"
if [ ! -f "$fixtures/fixtures.json" ] || [ tools/torchvision_fixtures.py -nt "$fixtures/fixtures.json" ]; then
  /usr/bin/python3 tools/torchvision_fixtures.py --set full --output "$fixtures"
fi
mvn -o -B verify -pl engine-djl -am -Dtest=ImportParityTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotless.check.skip=true "-Dclassify.torchvisionFixtures=$fixtures" 2>&1 |
  grep -E '^parity |Tests run:.*ImportParityTest|BUILD' 
