package dev.lamina.training;

import static dev.lamina.layers.Layers.concatenate;
import static dev.lamina.layers.Layers.dense;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.History;
import dev.lamina.layers.Input;
import dev.lamina.layers.KerasTensor;
import dev.lamina.models.Model;
import dev.lamina.ops.Ops;
import dev.lamina.regularizers.L2;
import dev.lamina.tensor.Rng;
import dev.lamina.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrainingTest {
    @BeforeEach
    void freshNames() {
        Model.clearSession();
    }

    /** The chapter's three-head model: age (mse), income (softmax CE), gender (sigmoid BCE), weights 0.25 / 1 / 10. */
    private static Model threeHeads() {
        KerasTensor posts = Input.of("posts", 6);
        KerasTensor h = dense(8, "relu").apply(posts);
        KerasTensor age = dense(1).named("age").apply(h);
        KerasTensor income = dense(3, "softmax").named("income").apply(h);
        KerasTensor gender = dense(1, "sigmoid").named("gender").apply(h);
        return Model.of(List.of(posts), List.of(age, income, gender));
    }

    @Test
    void threeHeadLossesMatchHandComputation() {
        Model m = threeHeads();
        m.compile("rmsprop", Map.of("age", "mse", "income", "categorical_crossentropy", "gender", "binary_crossentropy"),
                Map.of("age", 0.25, "income", 1.0, "gender", 10.0), Map.of("age", List.of("mae"), "gender", List.of("accuracy")));
        int n = 8;
        Tensor x = Tensor.randomUniform(1, -1, 1, n, 6);
        Tensor yAge = Tensor.randomUniform(2, 0, 2, n, 1);
        Tensor yIncome = Ops.oneHot(Tensor.ofInts(new int[] {0, 1, 2, 0, 1, 2, 0, 1}), 3);
        Tensor yGender = Tensor.of(new float[] {0, 1, 1, 0, 1, 0, 0, 1}, n, 1);
        List<Tensor> before = m.predictAll(x, Fit.defaults().verbose(0));
        // One batch holding every sample: the epoch logs are the losses before the single update.
        History h = m.fit(x, List.of(yAge, yIncome, yGender), Fit.epochs(1).batch(n).shuffle(false).verbose(0));
        double age = 0;
        double income = 0;
        double gender = 0;
        double mae = 0;
        double acc = 0;
        for (int i = 0; i < n; i++) {
            double a = before.get(0).get(i, 0);
            age += Math.pow(a - yAge.get(i, 0), 2) / n;
            mae += Math.abs(a - yAge.get(i, 0)) / n;
            for (int c = 0; c < 3; c++) {
                double p = Math.min(Math.max(before.get(1).get(i, c), 1e-7), 1 - 1e-7);
                income -= yIncome.get(i, c) * Math.log(p) / n;
            }
            double g = Math.min(Math.max(before.get(2).get(i, 0), 1e-7), 1 - 1e-7);
            double t = yGender.get(i, 0);
            gender -= (t * Math.log(g) + (1 - t) * Math.log(1 - g)) / n;
            acc += ((g > 0.5 ? 1 : 0) == t ? 1.0 : 0.0) / n;
        }
        assertEquals(age, h.get("age_loss").get(0), 1e-5);
        assertEquals(income, h.get("income_loss").get(0), 1e-5);
        assertEquals(gender, h.get("gender_loss").get(0), 1e-5);
        assertEquals(0.25 * age + income + 10 * gender, h.get("loss").get(0), 1e-4);
        assertEquals(mae, h.get("age_mae").get(0), 1e-5);
        assertEquals(acc, h.get("gender_accuracy").get(0), 1e-6);
        assertEquals(List.of("age_loss", "age_mae", "gender_accuracy", "gender_loss", "income_loss", "loss"),
                new ArrayList<>(h.history().keySet()));
    }

    @Test
    void lossDictMustNameEveryOutput() {
        Model m = threeHeads();
        var e = assertThrows(IllegalArgumentException.class, () -> m.compile("rmsprop", Map.of("gender", "mse")));
        assertTrue(e.getMessage().contains("Expected keys") || e.getMessage().contains("expected keys"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> m.compile("rmsprop", Map.of("age", "mse", "income", "mse", "gender", "mse", "departmnt", "mse")));
        assertTrue(e2.getMessage().contains("no output named 'departmnt'"), e2.getMessage());
    }

    @Test
    void twoInputModelLearnsAToyTask() {
        // The label says which of the two inputs has the larger sum: learnable, 50% by chance.
        KerasTensor a = Input.of("text", 8);
        KerasTensor b = Input.of("question", 8);
        KerasTensor h = dense(16, "relu").apply(concatenate(a, b));
        Model m = Model.of(List.of(a, b), dense(2, "softmax").named("answer").apply(h));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        int n = 512;
        Tensor xa = Tensor.randomUniform(3, 0, 1, n, 8);
        Tensor xb = Tensor.randomUniform(4, 0, 1, n, 8);
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = xa.sum(1).get(i) > xb.sum(1).get(i) ? 1 : 0;
        }
        Tensor y = Tensor.wrap(labels, n);
        History hist = m.fit(Map.of("text", xa, "question", xb), y,
                Fit.epochs(30).batch(32).validationSplit(0.25).verbose(0));
        List<Double> acc = hist.get("val_accuracy");
        assertTrue(acc.get(acc.size() - 1) > 0.85, "validation accuracy " + acc);
        assertTrue(hist.get("loss").get(29) < hist.get("loss").get(0));
    }

    @Test
    void regularizationIsPartOfTheLoss() {
        // keras-reference 1.12: Dense(1, L2(0.5), ones) on 4 inputs and zero data: loss = 0.5 * 4 = 2.
        KerasTensor x = Input.of(4);
        Model m = Model.of(x, dense(1).kernelInitializer("ones").kernelRegularizer(new L2(0.5)).apply(x));
        m.compile("sgd", "mse");
        Map<String, Double> r = m.evaluate(Tensor.zeros(8, 4), Tensor.zeros(8, 1));
        assertEquals(2.0, r.get("loss"), 1e-6);
    }

    @Test
    void callbackEventsComeInKerasOrder() {
        List<String> events = new ArrayList<>();
        Callback trace = new Callback() {
            @Override public void onTrainBegin(Map<String, Double> l) { events.add("train_begin"); }
            @Override public void onEpochBegin(int e, Map<String, Double> l) { events.add("epoch_begin " + e); }
            @Override public void onTrainBatchEnd(int b, Map<String, Double> l) { events.add("batch_end " + b); }
            @Override public void onTestBegin(Map<String, Double> l) { events.add("test_begin"); }
            @Override public void onTestEnd(Map<String, Double> l) { events.add("test_end " + l.keySet()); }
            @Override public void onEpochEnd(int e, Map<String, Double> l) { events.add("epoch_end " + e + " " + l.keySet()); }
            @Override public void onTrainEnd(Map<String, Double> l) { events.add("train_end"); }
        };
        KerasTensor x = Input.of(2);
        Model m = Model.of(x, dense(1).apply(x));
        m.compile("sgd", "mse", "mae");
        m.fit(Tensor.ones(40, 2), Tensor.ones(40, 1), Fit.epochs(2).batch(16).validationSplit(0.2).verbose(0), trace);
        assertEquals(List.of("train_begin", "epoch_begin 0", "batch_end 0", "batch_end 1", "test_begin", "test_end [loss, mae]",
                "epoch_end 0 [loss, mae, val_loss, val_mae]", "epoch_begin 1", "batch_end 0", "batch_end 1", "test_begin",
                "test_end [loss, mae]", "epoch_end 1 [loss, mae, val_loss, val_mae]", "train_end"), events);
    }

    @Test
    void stopTrainingEndsFit() {
        KerasTensor x = Input.of(2);
        Model m = Model.of(x, dense(1).apply(x));
        m.compile("sgd", "mse");
        Callback stopper = new Callback() {
            @Override public void onEpochEnd(int e, Map<String, Double> l) {
                if (e == 1) {
                    model().setStopTraining(true);
                }
            }
        };
        History h = m.fit(Tensor.ones(10, 2), Tensor.ones(10, 1), Fit.epochs(10).verbose(0), stopper);
        assertEquals(List.of(0, 1), h.epoch());
    }

    @Test
    void callbackErrorNamesTheCallback() {
        KerasTensor x = Input.of(2);
        Model m = Model.of(x, dense(1).apply(x));
        m.compile("sgd", "mse");
        class Broken extends Callback {
            @Override public void onEpochEnd(int e, Map<String, Double> l) {
                throw new IllegalStateException("boom");
            }
        }
        var e = assertThrows(RuntimeException.class, () -> m.fit(Tensor.ones(4, 2), Tensor.ones(4, 1), Fit.epochs(1).verbose(0), new Broken()));
        assertTrue(e.getMessage().contains("Broken") && e.getMessage().contains("on_epoch_end") && e.getMessage().contains("boom"),
                e.getMessage());
    }

    @Test
    void sampleAndClassWeightsScaleTheLoss() {
        KerasTensor x = Input.of(1);
        Model m = Model.of(x, dense(1).kernelInitializer("zeros").apply(x));
        m.compile("sgd", "mse");
        Tensor xs = Tensor.zeros(4, 1);
        Tensor ys = Tensor.of(new float[] {1, 1, 0, 0}, 4, 1);
        // Predictions are 0: per-sample losses 1, 1, 0, 0; weights 3, 1, 1, 1 -> (3 + 1) / 4.
        Map<String, Double> r = m.evaluate(xs, ys, Fit.defaults().verbose(0).sampleWeight(Tensor.of(new float[] {3, 1, 1, 1})));
        assertEquals(1.0, r.get("loss"), 1e-6);
        Tensor w = DataAdapter.classWeights(Map.of(1, 2.0), ys);
        assertEquals(List.of(2f, 2f, 1f, 1f), List.of(w.get(0), w.get(1), w.get(2), w.get(3)));
    }

    @Test
    void predictConcatenatesBatches() {
        KerasTensor x = Input.of(3);
        Model m = Model.of(x, dense(2).apply(x));
        Tensor data = Tensor.randomNormal(5, 0, 1, 70, 3);
        Tensor batched = m.predict(data, Fit.batchSize(32).verbose(0));
        Tensor whole = m.call(data);
        dev.lamina.testing.GradCheck.assertClose(whole.toFloatArray(), batched.toFloatArray(), 1e-6, "predict");
        new Rng(0);
    }

    @Test
    void maskedTimestepsAreLeftOutOfTheLoss() {
        // Embedding(mask_zero) gives padding (id 0) the value 3 and real ids 1: per-step mse against 0
        // is 9 on padding and 1 elsewhere. Keras's masked loss averages the real steps only: 1.
        KerasTensor ids = Input.of("ids", dev.lamina.tensor.DType.INT32, 4);
        var emb = new dev.lamina.layers.core.Embedding(5, 1).maskZero(true).embeddingsInitializer("ones");
        Model m = Model.of(ids, emb.apply(ids));
        m.compile("sgd", "mse");
        emb.embeddings().assign(new float[] {3, 1, 1, 1, 1});
        Tensor x = Tensor.ofInts(new int[] {1, 2, 0, 0, 3, 0, 0, 0}, 2, 4);
        Map<String, Double> r = m.evaluate(x, Tensor.zeros(2, 4, 1));
        assertEquals(1.0, r.get("loss"), 1e-5);
    }
}
