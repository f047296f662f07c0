package dev.lamina.training;

import dev.lamina.autograd.Autograd;
import dev.lamina.autograd.GradMode;
import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.CallbackList;
import dev.lamina.callbacks.History;
import dev.lamina.callbacks.ProgbarLogger;
import dev.lamina.data.pipeline.Dataset;
import dev.lamina.layers.CallContext;
import dev.lamina.models.Model;
import dev.lamina.optimizers.Optimizer;
import dev.lamina.optimizers.Optimizers;
import dev.lamina.tensor.Rng;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * compile / fit / evaluate / predict for one model, with Keras 3's semantics: the loss is the
 * weighted sum of output losses plus regularization; logs hold running epoch means with keys
 * {@code loss}, {@code <output>_loss} (two or more losses), {@code <output>_<metric>} and
 * {@code val_...}, sorted alphabetically; validation runs through the same callbacks.
 */
public final class Trainer {
    private final Model model;
    private Optimizer optimizer;
    private CompiledLoss loss;
    private CompiledMetrics metrics;
    private Object lossSpec;
    private Object lossWeightsSpec;
    private Object metricsSpec;
    private boolean stopTraining;
    private History history;
    private final RunningMeans trackers = new RunningMeans();
    private Rng rng = new Rng(42);

    public Trainer(Model model) {
        this.model = model;
    }

    // ---------------------------------------------------------------- compile

    /** Keras's compile: optimizer (name or object), loss structure, loss weights, metrics structure. */
    public void compile(Object optimizerSpec, Object lossSpec, Object lossWeights, Object metricsSpec) {
        this.optimizer = optimizerSpec instanceof Optimizer o ? o
                : Optimizers.get(optimizerSpec == null ? "rmsprop" : (String) optimizerSpec);
        List<String> keys = model.outputKeys();
        this.loss = new CompiledLoss(lossSpec, lossWeights, keys);
        this.metrics = new CompiledMetrics(metricsSpec, keys);
        this.lossSpec = lossSpec;
        this.lossWeightsSpec = lossWeights;
        this.metricsSpec = metricsSpec;
    }

    public boolean isCompiled() {
        return optimizer != null;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Object lossSpec() {
        return lossSpec;
    }

    public Object lossWeightsSpec() {
        return lossWeightsSpec;
    }

    public Object metricsSpec() {
        return metricsSpec;
    }

    /** Compiled metric objects (resolved after the first batch). */
    public List<dev.lamina.metrics.Metric> compiledMetrics() {
        return metrics == null ? List.of() : metrics.all();
    }

    void requireCompiled(String what) {
        if (optimizer == null) {
            throw new IllegalStateException("You must call compile() before " + what + " on model '" + model.name() + "'.");
        }
    }

    /** Number of scalars in the optimizer's state (shown by summary once it is built). */
    public long optimizerParamCount() {
        if (optimizer == null) {
            return 0;
        }
        long n = 0;
        for (Variable v : optimizer.variables()) {
            n += v.value().size();
        }
        return n;
    }

    public boolean stopTraining() {
        return stopTraining;
    }

    public void setStopTraining(boolean value) {
        this.stopTraining = value;
    }

    public History history() {
        return history;
    }

    public void setHistory(History h) {
        this.history = h;
    }

    // ---------------------------------------------------------------- steps

    /** One optimizer step on a batch; returns the batch's loss terms for the running means. */
    void trainStep(List<Tensor> xs, List<Tensor> ys, Tensor sw) {
        CallContext ctx = new CallContext(true, null, rng);
        List<Tensor> masks = new ArrayList<>();
        List<Tensor> preds = model.callWithMasks(xs, ctx, masks);
        Tensor total = lossAndTrack(ys, preds, masks, sw, xs.get(0).dim(0));
        List<Variable> vars = model.trainableWeights();
        for (Variable v : vars) {
            v.zeroGrad();
        }
        if (total.requiresGrad()) {
            total.backward();
        }
        List<Tensor> grads = new ArrayList<>(vars.size());
        for (Variable v : vars) {
            grads.add(v.grad());
        }
        optimizer.apply(vars, grads);
        for (Variable v : vars) {
            v.zeroGrad();
        }
        Autograd.recycleGradients(grads);
        try (var ignored = GradMode.noGrad()) {
            List<Tensor> detached = preds.stream().map(Tensor::detach).toList();
            metrics.update(ys, detached, sw);
        }
        Autograd.recycleActivations(total, preds);
    }

    void testStep(List<Tensor> xs, List<Tensor> ys, Tensor sw) {
        try (var ignored = GradMode.noGrad()) {
            List<Tensor> masks = new ArrayList<>();
            List<Tensor> preds = model.callWithMasks(xs, new CallContext(false, null, rng), masks);
            lossAndTrack(ys, preds, masks, sw, xs.get(0).dim(0));
            metrics.update(ys, preds, sw);
        }
    }

    /** Total loss (weighted outputs + regularization), tracking each term weighted by batch size. */
    private Tensor lossAndTrack(List<Tensor> ys, List<Tensor> preds, List<Tensor> masks, Tensor sw, int batch) {
        loss.resolve(ys, preds);
        metrics.resolve(ys, preds);
        Tensor total = null;
        boolean perOutput = loss.activeCount() >= 2;
        for (int i = 0; i < loss.size(); i++) {
            if (!loss.hasLoss(i)) {
                continue;
            }
            // A masked output (padding steps) leaves its masked entries out of the loss, as Keras.
            Tensor li = loss.loss(i).call(ys.get(i), preds.get(i), sw, masks.isEmpty() ? null : masks.get(i));
            if (perOutput) {
                trackers.add(loss.keys().get(i) + "_loss", li.item(), batch);
            }
            Tensor weighted = loss.weight(i) == 1.0 ? li : li.mul((float) loss.weight(i));
            total = total == null ? weighted : total.add(weighted);
        }
        for (Tensor r : model.regularizationLosses()) {
            total = total == null ? r : total.add(r);
        }
        if (total == null) {
            total = Tensor.scalar(0f);
        }
        trackers.add("loss", total.item(), batch);
        return total;
    }

    Map<String, Double> logs() {
        TreeMap<String, Double> m = new TreeMap<>();
        trackers.results(m);
        metrics.results(m);
        return new LinkedHashMap<>(m);
    }

    void resetMetrics() {
        trackers.reset();
        metrics.reset();
    }

    // ---------------------------------------------------------------- fit

    /** Trains; returns the History (also kept as {@link #history()}). */
    public History fit(Object x, Object y, Fit opts, List<Callback> extra) {
        requireCompiled("fit()");
        List<Tensor> xs = inputs(x);
        List<Tensor> ys = targets(y);
        int n = DataAdapter.count(xs, ys);
        Tensor sw = opts.sampleWeight;
        if (opts.classWeight != null) {
            if (ys.size() != 1) {
                throw new IllegalArgumentException("`class_weight` is only supported for Models with a single output.");
            }
            if (sw != null) {
                throw new IllegalArgumentException("You cannot specify both `class_weight` and `sample_weight` at the same time.");
            }
            sw = DataAdapter.classWeights(opts.classWeight, ys.get(0));
        }
        List<Tensor> vx = null;
        List<Tensor> vy = null;
        Tensor vsw = null;
        int trainN = n;
        if (opts.validationX != null) {
            vx = inputs(opts.validationX);
            vy = targets(opts.validationY);
            vsw = opts.validationSampleWeight;
        } else if (opts.validationSplit > 0 && opts.validationDataset == null) {
            trainN = (int) Math.floor(n * (1 - opts.validationSplit));
            int[] tail = DataAdapter.range(trainN, n);
            vx = DataAdapter.rows(xs, tail, 0, tail.length);
            vy = DataAdapter.rows(ys, tail, 0, tail.length);
            vsw = sw == null ? null : DataAdapter.rows(sw, tail, 0, tail.length);
            if (trainN == 0) {
                throw new IllegalArgumentException("validation_split " + opts.validationSplit + " leaves no training samples out of " + n);
            }
        }
        rng = new Rng(opts.seed);
        int steps = opts.stepsPerEpoch != null ? opts.stepsPerEpoch : (trainN + opts.batchSize - 1) / opts.batchSize;
        List<Callback> cbs = new ArrayList<>(opts.callbacks);
        cbs.addAll(extra);
        // Keras's defaults come after the user's callbacks, unless the user passed their own.
        History hist = (History) cbs.stream().filter(c -> c instanceof History).findFirst().orElse(null);
        if (hist == null) {
            hist = new History();
            cbs.add(hist);
        }
        if (opts.verbose != 0 && cbs.stream().noneMatch(c -> c instanceof ProgbarLogger)) {
            cbs.add(new ProgbarLogger());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", opts.verbose);
        params.put("epochs", opts.epochs);
        params.put("steps", steps);
        CallbackList callbacks = new CallbackList(cbs, model, params);
        stopTraining = false;
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        callbacks.trainBegin(new LinkedHashMap<>());
        int firstEpoch = opts.initialEpoch;
        Integer resume = initialEpochOverride;
        if (resume != null) {
            firstEpoch = resume;
            initialEpochOverride = null;
        }
        Rng shuffler = new Rng(opts.seed);
        for (int epoch = firstEpoch; epoch < opts.epochs && !stopTraining; epoch++) {
            resetMetrics();
            callbacks.epochBegin(epoch, new LinkedHashMap<>());
            int[] order = opts.shuffle ? shuffler.permutation(trainN) : DataAdapter.range(0, trainN);
            Map<String, Double> batchLogs = new LinkedHashMap<>();
            for (int step = 0; step < steps && !stopTraining; step++) {
                int from = (step * opts.batchSize) % Math.max(trainN, 1);
                int to = Math.min(from + opts.batchSize, trainN);
                callbacks.trainBatchBegin(step, new LinkedHashMap<>());
                Tensor bsw = sw == null ? null : DataAdapter.rows(sw, order, from, to);
                trainStep(DataAdapter.rows(xs, order, from, to), DataAdapter.rows(ys, order, from, to), bsw);
                batchLogs = logs();
                callbacks.trainBatchEnd(step, batchLogs);
            }
            TreeMap<String, Double> sorted = new TreeMap<>(batchLogs);
            if ((vx != null || opts.validationDataset != null) && (epoch + 1) % opts.validationFreq == 0) {
                Map<String, Double> val = opts.validationDataset != null
                        ? DatasetLoops.evaluateLoop(this, opts.validationDataset, callbacks)
                        : evaluateLoop(vx, vy, vsw, opts.batchSize, callbacks);
                for (var e : val.entrySet()) {
                    sorted.put("val_" + e.getKey(), e.getValue());
                }
            }
            // Keras sorts the merged train and val_ keys (an output named "z" sorts after val_).
            epochLogs = new LinkedHashMap<>(sorted);
            callbacks.epochEnd(epoch, epochLogs);
        }
        callbacks.trainEnd(epochLogs);
        this.history = hist;
        return hist;
    }

    private Integer initialEpochOverride;

    /** Makes the next fit start at this epoch (BackupAndRestore resuming an interrupted run). */
    public void resumeAt(int epoch) {
        this.initialEpochOverride = epoch;
    }

    /** The epoch a resumed run starts at, once (null when not resuming). */
    Integer takeResumeEpoch() {
        Integer e = initialEpochOverride;
        initialEpochOverride = null;
        return e;
    }

    /** Seeds dropout and other random ops of the coming run. */
    void reseed(long seed) {
        rng = new Rng(seed);
    }

    // ---------------------------------------------------------------- datasets

    /** Trains on a {@link Dataset}: batches, shuffling and sample weights come from it. */
    public History fit(Dataset data, Fit opts, List<Callback> extra) {
        return DatasetLoops.fit(this, model, data, opts, extra);
    }

    /** Loss and metrics over one pass of a dataset. */
    public Map<String, Double> evaluate(Dataset data, Fit opts, List<Callback> extra) {
        return DatasetLoops.evaluate(this, model, data, opts, extra);
    }

    /** Predictions over one pass of a dataset (batches' x; y is ignored), concatenated. */
    public List<Tensor> predict(Dataset data, Fit opts, List<Callback> extra) {
        return DatasetLoops.predict(model, data, opts, extra);
    }

    // ---------------------------------------------------------------- evaluate / predict

    /** Loss and metrics over the data, Keras's return_dict=True form (keys sorted). */
    public Map<String, Double> evaluate(Object x, Object y, Fit opts, List<Callback> extra) {
        requireCompiled("evaluate()");
        List<Tensor> xs = inputs(x);
        List<Tensor> ys = targets(y);
        DataAdapter.count(xs, ys);
        List<Callback> cbs = new ArrayList<>(opts.callbacks);
        cbs.addAll(extra);
        if (opts.verbose != 0 && cbs.stream().noneMatch(c -> c instanceof ProgbarLogger)) {
            cbs.add(new ProgbarLogger());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", opts.verbose);
        params.put("epochs", 1);
        params.put("steps", (xs.get(0).dim(0) + opts.batchSize - 1) / opts.batchSize);
        return evaluateLoop(xs, ys, opts.sampleWeight, opts.batchSize, new CallbackList(cbs, model, params));
    }

    Map<String, Double> evaluateLoop(List<Tensor> xs, List<Tensor> ys, Tensor sw, int batchSize, CallbackList callbacks) {
        int n = DataAdapter.count(xs, ys);
        int[] order = DataAdapter.range(0, n);
        resetMetrics();
        callbacks.testBegin(new LinkedHashMap<>());
        Map<String, Double> logs = new LinkedHashMap<>();
        int steps = (n + batchSize - 1) / batchSize;
        for (int step = 0; step < steps; step++) {
            int from = step * batchSize;
            int to = Math.min(from + batchSize, n);
            callbacks.testBatchBegin(step, new LinkedHashMap<>());
            testStep(DataAdapter.rows(xs, order, from, to), DataAdapter.rows(ys, order, from, to),
                    sw == null ? null : DataAdapter.rows(sw, order, from, to));
            logs = logs();
            callbacks.testBatchEnd(step, logs);
        }
        callbacks.testEnd(logs);
        return logs;
    }

    /** Predictions for every output, batch by batch, concatenated. */
    public List<Tensor> predict(Object x, Fit opts, List<Callback> extra) {
        List<Tensor> xs = inputs(x);
        int n = DataAdapter.count(xs, null);
        List<Callback> cbs = new ArrayList<>(opts.callbacks);
        cbs.addAll(extra);
        if (opts.verbose != 0 && cbs.stream().noneMatch(c -> c instanceof ProgbarLogger)) {
            cbs.add(new ProgbarLogger());
        }
        int steps = (n + opts.batchSize - 1) / opts.batchSize;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", opts.verbose);
        params.put("epochs", 1);
        params.put("steps", steps);
        CallbackList callbacks = new CallbackList(cbs, model, params);
        callbacks.predictBegin(new LinkedHashMap<>());
        List<List<Tensor>> parts = new ArrayList<>();
        int[] order = DataAdapter.range(0, n);
        for (int step = 0; step < steps; step++) {
            int from = step * opts.batchSize;
            int to = Math.min(from + opts.batchSize, n);
            callbacks.predictBatchBegin(step, new LinkedHashMap<>());
            List<Tensor> out = model.predictOnBatchList(DataAdapter.rows(xs, order, from, to));
            parts.add(out);
            callbacks.predictBatchEnd(step, new LinkedHashMap<>(), out);
        }
        callbacks.predictEnd(new LinkedHashMap<>());
        List<Tensor> result = new ArrayList<>();
        int outputs = model.outputs().size();
        for (int o = 0; o < outputs; o++) {
            List<Tensor> pieces = new ArrayList<>();
            for (List<Tensor> p : parts) {
                pieces.add(p.get(o));
            }
            result.add(pieces.size() == 1 ? pieces.get(0) : dev.lamina.ops.Ops.concatenate(pieces, 0));
        }
        return result;
    }

    /** One training step on one batch; returns the logs (running means reset first, as Keras). */
    public Map<String, Double> trainOnBatch(Object x, Object y, Tensor sampleWeight) {
        requireCompiled("train_on_batch()");
        resetMetrics();
        trainStep(inputs(x), targets(y), sampleWeight);
        return logs();
    }

    /** Loss and metrics of one batch without updating weights. */
    public Map<String, Double> testOnBatch(Object x, Object y, Tensor sampleWeight) {
        requireCompiled("test_on_batch()");
        resetMetrics();
        testStep(inputs(x), targets(y), sampleWeight);
        return logs();
    }

    /** x as fit accepts it, ordered by the model's inputs. */
    public List<Tensor> standardizeInputs(Object x) {
        return inputs(x);
    }

    List<Tensor> inputs(Object x) {
        return DataAdapter.standardize(x, model.inputNames(), model.inputs().stream().map(t -> t.name()).toList(), "x", model.name());
    }

    List<Tensor> targets(Object y) {
        return DataAdapter.standardize(y, model.outputKeys(), model.outputNames(), "y", model.name());
    }
}
