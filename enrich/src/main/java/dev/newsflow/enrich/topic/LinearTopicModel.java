package dev.newsflow.enrich.topic;

import dev.newsflow.core.article.IptcTopic;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A one-vs-rest logistic-regression topic classifier over {@link TextFeatures}: one weight vector
 * per topic, a score {@code sigmoid(w·x + b)} per topic, independent of the others (so several
 * topics can score high together).
 *
 * <p>Weights are stored as 8-bit integers with one scale per topic, feature-major, which keeps a
 * 2^20-bucket model for 8 topics at 8.4 MB and each feature's weights in one cache line. The file
 * is gzip of: magic {@code NFTM}, format version, the {@link TextFeatures} settings, the topics
 * (QCodes), per-topic bias and scale (floats), then {@code 2^bits × topics} signed bytes. Immutable
 * and thread-safe.
 */
public final class LinearTopicModel {
    /** The model shipped in the enrich jar, rebuilt by {@code bench/run TopicTrain}. */
    public static final String RESOURCE = "/dev/newsflow/enrich/topic/topic-model.bin";

    private static final int MAGIC = 0x4e46544d; // "NFTM"
    private static final int FORMAT = 3; // 2 added TextFeatures.priors, 3 titleFeatures

    private final TextFeatures features;
    private final List<IptcTopic> topics;
    private final float[] bias;
    private final float[] scale;
    private final byte[] weights;

    private LinearTopicModel(
            TextFeatures features,
            List<IptcTopic> topics,
            float[] bias,
            float[] scale,
            byte[] weights) {
        this.features = features;
        this.topics = List.copyOf(topics);
        if (Set.copyOf(topics).size() != topics.size()) {
            // the tagger gives each topic one model probability
            throw new IllegalArgumentException("a topic listed twice: " + topics);
        }
        this.bias = bias;
        this.scale = scale;
        this.weights = weights;
    }

    /**
     * Builds a model from trained weights, quantising them to 8 bits.
     *
     * @param weights {@code weights[t][f]}: the weight of feature bucket {@code f} for topic {@code
     *     topics.get(t)}
     * @param bias the intercept of each topic
     */
    public static LinearTopicModel of(
            TextFeatures features, List<IptcTopic> topics, double[][] weights, double[] bias) {
        Objects.requireNonNull(features, "features can't be null");
        int k = topics.size();
        int dim = features.dimension();
        if (weights.length != k || bias.length != k) {
            throw new IllegalArgumentException("one weight vector and bias per topic");
        }
        float[] b = new float[k];
        float[] s = new float[k];
        byte[] q = new byte[dim * k];
        for (int t = 0; t < k; t++) {
            if (weights[t].length != dim) {
                throw new IllegalArgumentException("weights of topic " + t + " are not " + dim);
            }
            double max = 0;
            for (double w : weights[t]) {
                max = Math.max(max, Math.abs(w));
            }
            s[t] = max == 0 ? 1f : (float) (max / 127);
            b[t] = (float) bias[t];
            for (int f = 0; f < dim; f++) {
                q[f * k + t] = (byte) Math.round(weights[t][f] / s[t]);
            }
        }
        return new LinearTopicModel(features, topics, b, s, q);
    }

    /** Loads the model shipped in the jar ({@link #RESOURCE}). */
    public static LinearTopicModel loadDefault() {
        InputStream in = LinearTopicModel.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("topic model resource missing: " + RESOURCE);
        }
        try (in) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic model " + RESOURCE, e);
        }
    }

    /** Reads a model written by {@link #write(OutputStream)}. */
    public static LinearTopicModel read(InputStream in) throws IOException {
        DataInputStream data =
                new DataInputStream(new GZIPInputStream(new BufferedInputStream(in), 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a topic model");
        }
        int format = data.readInt();
        if (format < 1 || format > FORMAT) {
            throw new IOException("unsupported topic model format " + format);
        }
        int bits = data.readInt();
        int minN = data.readInt();
        int maxN = data.readInt();
        boolean conjunction = data.readBoolean();
        boolean priors = format >= 2 && data.readBoolean();
        boolean title = format >= 3 && data.readBoolean();
        TextFeatures features = new TextFeatures(bits, minN, maxN, conjunction, priors, title);
        int k = data.readInt();
        List<IptcTopic> topics = new ArrayList<>(k);
        for (int t = 0; t < k; t++) {
            topics.add(IptcTopic.expectByCode(data.readUTF()));
        }
        float[] bias = new float[k];
        float[] scale = new float[k];
        for (int t = 0; t < k; t++) {
            bias[t] = data.readFloat();
            scale[t] = data.readFloat();
        }
        byte[] weights = new byte[features.dimension() * k];
        data.readFully(weights);
        return new LinearTopicModel(features, topics, bias, scale, weights);
    }

    /** Writes the model; the same model always gives the same bytes. */
    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream data = new DataOutputStream(gzip);
        data.writeInt(MAGIC);
        // Format 2 when it suffices, so that models without title features keep their bytes.
        data.writeInt(features.titleFeatures() ? FORMAT : 2);
        data.writeInt(features.bits());
        data.writeInt(features.minN());
        data.writeInt(features.maxN());
        data.writeBoolean(features.languageConjunction());
        data.writeBoolean(features.priors());
        if (features.titleFeatures()) {
            data.writeBoolean(true);
        }
        data.writeInt(topics.size());
        for (IptcTopic t : topics) {
            data.writeUTF(t.code());
        }
        for (int t = 0; t < topics.size(); t++) {
            data.writeFloat(bias[t]);
            data.writeFloat(scale[t]);
        }
        data.write(weights);
        data.flush();
        gzip.finish();
    }

    /**
     * This model with every logit multiplied by {@code temperature}: the same ranking of texts per
     * topic, sharper (above 1) or softer (below 1) probabilities.
     */
    public LinearTopicModel sharpened(double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive: " + temperature);
        }
        float[] b = new float[bias.length];
        float[] s = new float[scale.length];
        for (int t = 0; t < b.length; t++) {
            b[t] = (float) (bias[t] * temperature);
            s[t] = (float) (scale[t] * temperature);
        }
        return new LinearTopicModel(features, topics, b, s, weights);
    }

    /** The topics this model scores, in the order of {@link #scores}. */
    public List<IptcTopic> topics() {
        return topics;
    }

    /** The feature extractor the model was trained with. */
    public TextFeatures features() {
        return features;
    }

    /**
     * Scores {@code text} for each of {@link #topics()}: the probability (0 to 1) that the text is
     * about the topic, each independent of the others.
     *
     * @param language ISO 639 code of the text, empty when unknown
     */
    public double[] scores(String text, String language) {
        return scores(features.extract(text, language));
    }

    /**
     * Scores {@code text} (title and text) with {@code title} (empty when none) also read apart,
     * when the model was trained with {@link TextFeatures#titleFeatures()}.
     *
     * @param language ISO 639 code of the text, empty when unknown
     */
    public double[] scores(String text, String title, String language) {
        return scores(features.extract(text, title, language));
    }

    /** Scores an already extracted feature vector. */
    public double[] scores(TextFeatures.Vector x) {
        int k = topics.size();
        double[] dot = new double[k];
        int[] idx = x.indices();
        float[] val = x.values();
        for (int i = 0; i < idx.length; i++) {
            int base = idx[i] * k;
            float v = val[i];
            for (int t = 0; t < k; t++) {
                dot[t] += v * weights[base + t];
            }
        }
        for (int t = 0; t < k; t++) {
            dot[t] = 1 / (1 + Math.exp(-(dot[t] * scale[t] + bias[t])));
        }
        return dot;
    }
}
