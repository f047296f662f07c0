package dev.lamina.layers.pooling;

import dev.lamina.layers.CallContext;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfigs;
import dev.lamina.layers.conv.ConvGeometry;
import dev.lamina.ops.Ops;
import dev.lamina.ops.PoolSpec;
import dev.lamina.tensor.Tensor;
import java.util.Map;

/**
 * Keras's {@code BasePooling}: max or average over windows of {@code pool_size} moved by
 * {@code strides} (default: the pool size) along {@code rank} spatial axes of a channels_last
 * input. With "same" padding, padded cells never win a max and are not counted in an average.
 *
 * @param <T> the concrete layer, so fluent setters keep its type
 */
public abstract class BasePooling<T extends BasePooling<T>> extends Layer {
    private final int rank;
    private final boolean max;
    private final int[] poolSize;
    private int[] strides;
    private String padding = "valid";

    protected BasePooling(int rank, boolean max, int... poolSize) {
        this.rank = rank;
        this.max = max;
        this.poolSize = ConvGeometry.tuple(className(), "pool_size", rank, 1, poolSize);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Window step; null (the default) means the pool size, as in Keras. */
    public T strides(int... values) {
        this.strides = values == null ? null : ConvGeometry.tuple(className(), "strides", rank, 1, values);
        return self();
    }

    /** "valid" (default) or "same". */
    public T padding(String value) {
        this.padding = ConvGeometry.padding(className(), value, false);
        return self();
    }

    @Override
    public T named(String name) {
        super.named(name);
        return self();
    }

    public int[] poolSize() {
        return poolSize.clone();
    }

    /** The strides in effect (the pool size when none were given). */
    public int[] strides() {
        return strides == null ? poolSize.clone() : strides.clone();
    }

    public String padding() {
        return padding;
    }

    @Override
    public int[] computeOutputShape(int[] s) {
        ConvGeometry.checkRank(s, rank + 2, rank == 1 ? "(batch, steps, channels)" : "(batch, rows, cols, channels)");
        int[] st = strides();
        int[] out = s.clone();
        for (int i = 0; i < rank; i++) {
            out[i + 1] = ConvGeometry.outputLength(s[i + 1], poolSize[i], st[i], 1, padding, "spatial axis " + (i + 1));
        }
        return out;
    }

    @Override
    protected Tensor call(Tensor x, CallContext ctx) {
        computeOutputShape(x.shape());
        int[] st = strides();
        if (rank == 1) {
            return Ops.pool1d(x, poolSize[0], st[0], padding, max);
        }
        return max ? Ops.maxPool2d(x, poolSpec()) : Ops.avgPool2d(x, poolSpec());
    }

    /** The windows of a 2-D pooling as the ops take them. */
    public PoolSpec poolSpec() {
        if (rank != 2) {
            throw new IllegalStateException("Layer '" + name() + "' (" + className() + "): a 1-D pooling has no 2-D windows");
        }
        int[] st = strides();
        return new PoolSpec(poolSize[0], poolSize[1], st[0], st[1], padding);
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("pool_size", LayerConfigs.shapeList(poolSize));
        c.put("padding", padding);
        c.put("strides", LayerConfigs.shapeList(strides()));
        c.put("data_format", "channels_last");
    }

    /** Reads strides and padding (pool_size is the constructor's) and the common keys. */
    protected T readConfig(Map<String, Object> c) {
        ConvGeometry.requireChannelsLast(className(), c);
        if (c.get("strides") != null) {
            strides(LayerConfigs.intsOf(c.get("strides"), rank));
        }
        padding((String) c.getOrDefault("padding", "valid"));
        applyCommonConfig(c);
        return self();
    }

    /** The pool size of a config (an int or a list). */
    protected static int[] poolSizeOf(Map<String, Object> c, int rank) {
        if (c.get("pool_size") == null) {
            throw new IllegalArgumentException("Pooling config '" + c.get("name") + "' has no pool_size");
        }
        return LayerConfigs.intsOf(c.get("pool_size"), rank);
    }
}
