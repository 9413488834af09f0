package dev.newsflow.ingest.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Inputs for the property tests: the captured corpus under {@code src/test/resources} and random
 * mutations of it (byte flips, cuts, splices, repeated slices and markup fragments inserted at
 * random places), driven by a seed so jqwik can report and replay a failing case.
 */
final class Mutations {
    private static final String[] FRAGMENTS = {
        "<",
        ">",
        "&",
        "&amp",
        "&#",
        "&#xD800;",
        "]]>",
        "<![CDATA[",
        "<!--",
        "-->",
        "\"",
        "'",
        "<item>",
        "</item>",
        "<entry>",
        "</channel>",
        "<rss version=\"2.0\">",
        "<?xml ",
        "<!DOCTYPE",
        "<!ENTITY x \"&x;\">",
        "\u0000",
        "\uFEFF",
        "\uFFFF",
        "\u202E",
        "<div>",
        "</div>",
        "<script>",
        "<p",
        "=",
        "xmlns:a=\"\"",
        "a:b",
        "%",
        "%zz",
        "http://",
        "//",
        "\\",
        "\r\n",
        "\t"
    };

    private Mutations() {}

    /**
     * Every file of {@code dir} (a test resource folder) whose name ends with one of {@code exts}.
     */
    static List<byte[]> corpus(String dir, String... exts) {
        try {
            Path root = Path.of(Mutations.class.getResource("/" + dir).toURI());
            List<byte[]> out = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (Files.isRegularFile(p) && Stream.of(exts).anyMatch(name::endsWith)) {
                        out.add(Files.readAllBytes(p));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code doc} with {@code 1 + seed % 8} random mutations. */
    static byte[] mutate(byte[] doc, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = doc;
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            b = once(b, r);
        }
        return b;
    }

    private static byte[] once(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return FRAGMENTS[r.nextInt(FRAGMENTS.length)].getBytes(UTF_8);
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(6)) {
            case 0 -> { // flip bits of a few bytes
                byte[] c = b.clone();
                for (int k = 0; k < 1 + r.nextInt(4); k++) {
                    c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return c;
            }
            case 1 -> { // cut the document short
                return slice(b, 0, at);
            }
            case 2 -> { // delete a run
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                return concat(slice(b, 0, at), slice(b, at + len, b.length));
            }
            case 3 -> { // repeat a slice many times (bigger, deeper documents)
                int len = Math.min(b.length - at, 1 + r.nextInt(200));
                byte[] s = slice(b, at, at + len);
                byte[] rep = new byte[0];
                for (int k = 0; k < 1 + r.nextInt(50); k++) {
                    rep = concat(rep, s);
                }
                return concat(concat(slice(b, 0, at), rep), slice(b, at, b.length));
            }
            case 4 -> { // insert a markup fragment
                byte[] f = FRAGMENTS[r.nextInt(FRAGMENTS.length)].getBytes(UTF_8);
                return concat(concat(slice(b, 0, at), f), slice(b, at, b.length));
            }
            default -> { // random bytes
                byte[] f = new byte[1 + r.nextInt(16)];
                for (int k = 0; k < f.length; k++) {
                    f[k] = (byte) r.nextInt(256);
                }
                return concat(concat(slice(b, 0, at), f), slice(b, at, b.length));
            }
        }
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[Math.max(0, to - from)];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
