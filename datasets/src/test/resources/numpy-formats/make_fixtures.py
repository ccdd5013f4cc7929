"""Writes the numpy-formats test fixtures from the fashion-mnist-64 fixture (run from this folder).

Every file holds the first 4 Fashion-MNIST images (or their labels) in another dtype, byte order,
memory order, layout or container, so that tests can compare with the uint8 original.
"""
import numpy as np

x = np.load("../fashion-mnist-64/train.npy")[:4]  # uint8 (4, 28, 28)
y = np.loadtxt("../fashion-mnist-64/train.csv", delimiter=",", skiprows=1, dtype=np.int64)[:4, 1]

np.save("uint16.npy", x.astype("<u2") * 257)  # 0..65535, use scale: 65535
np.save("int16-big-endian.npy", x.astype(">i2"))  # 0..255, default scale 255
np.save("int8.npy", (x // 2).astype("i1"))  # 0..127, use scale: 127
np.save("int32.npy", x.astype("<i4"))
np.save("int64.npy", x.astype("<i8"))
np.save("float16.npy", (x / 255.0).astype("<f2"))
np.save("fortran.npy", np.asfortranarray(x))
np.save("fortran-float32.npy", np.asfortranarray(x.astype("<f4") / 255))
rgb = np.stack([x, 255 - x, x // 2], axis=-1)  # (4, 28, 28, 3)
np.save("rgb-nchw.npy", np.ascontiguousarray(rgb.transpose(0, 3, 1, 2)))
np.save("flat.npy", x.reshape(4, 784))
np.save("rgb-flat-chw.npy", rgb.transpose(0, 3, 1, 2).reshape(4, 3 * 784))
np.save("labels.npy", y)
np.savez("stored.npz", x_train=x, y_train=y)
np.savez_compressed("compressed.npz", images=x)
np.savez_compressed("labels.npz", y=y.astype("<i4"))

bad = x.astype("<u2")
bad[2, 3, 4] = 300
np.save("uint16-out-of-range.npy", bad)

print("labels", y.tolist())
print("x[1,10,12]", int(x[1, 10, 12]), "x[3,20,5]", int(x[3, 20, 5]), "sum", int(x.sum()))
f16 = (x / 255.0).astype("<f2")
print("float16 sum as float32", float(f16.astype(np.float32).sum(dtype=np.float64)))
print("float16 [1,10,12]", repr(np.float32(f16[1, 10, 12])))
print("int8 [1,10,12] / 127", repr(np.float32((x // 2)[1, 10, 12]) / np.float32(127)))
