package dev.classify.engine.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The versions of jars, as {@link PluginOrigin#version()} states them; each jar read once. */
final class JarVersions {
    /** Twelve hexadecimal digits: enough to tell two builds of one plugin apart. */
    private static final int DIGEST_DIGITS = 12;

    private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();

    private JarVersions() {}

    /** Returns the version of {@code jar}, a readable jar file. */
    static String of(Path jar) {
        return VERSIONS.computeIfAbsent(jar.toAbsolutePath().normalize(), JarVersions::read);
    }

    /** Returns the jar holding {@code type}, or empty for a class folder or an unknown source. */
    static Optional<Path> jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Returns the version of the jar holding {@code type}, or {@code unversioned}. */
    static String ofClass(Class<?> type) {
        return jarOf(type).map(JarVersions::of).orElse("unversioned");
    }

    private static String read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String version =
                    manifest == null
                            ? null
                            : manifest.getMainAttributes()
                                    .getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            if (version != null && !version.isBlank()) {
                return version.strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "sha256:" + sha256(jar).substring(0, DIGEST_DIGITS);
    }

    private static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
