package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code classify} launcher script, run with bash in a project folder of its own: its copy of
 * the script, a build that is up to date, and {@code java} and {@code mvn} on the path replaced by
 * scripts that print how they were called, so that nothing is built or started. Skipped where there
 * is no bash.
 */
final class LauncherTest {
    /** The launcher at the project root; Maven runs tests in the module folder. */
    private static final Path LAUNCHER = Path.of("..", "classify").toAbsolutePath().normalize();

    @TempDir Path folder;

    private Path project;
    private Path tools;

    @BeforeEach
    void project() throws IOException {
        assumeThat(onPath("bash"))
                .as("bash is on the path (the launcher is a bash script)")
                .isTrue();
        project = Files.createDirectories(folder.resolve("project")).toRealPath();
        Path script = project.resolve("classify");
        Files.copy(LAUNCHER, script);
        executable(script);
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(Files.writeString(project.resolve("pom.xml"), "<project/>"), old);
        for (String module : List.of("api", "datasets", "augment", "models-resnet", "engine-djl")) {
            Files.createDirectories(project.resolve(module));
        }
        Path jar = project.resolve("cli/target/classify-cli.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        tools = Files.createDirectories(folder.resolve("tools"));
        executable(Files.writeString(tools.resolve("java"), "#!/bin/sh\necho \"java $*\"\n"));
        executable(
                Files.writeString(
                        tools.resolve("mvn"), "#!/bin/sh\necho \"mvn called in $PWD\"\nexit 1\n"));
    }

    @Test
    void runsTheProjectsBuildWhenCalledDirectly() throws Exception {
        String output = run(project.resolve("classify"), "models");

        assertThat(output).isEqualTo(javaCalledInTheProject("models"));
    }

    @Test
    void runsTheProjectsBuildWhenCalledThroughSymbolicLinks() throws Exception {
        // ln -s /path/to/classify ~/bin/classify, and a relative link to that link.
        Path bin = Files.createDirectories(folder.resolve("home/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("classify"), project.resolve("classify"));
        Path again = Files.createSymbolicLink(bin.resolve("cl"), Path.of("classify"));

        for (Path launcher : List.of(link, again)) {
            String output = run(launcher, "models");

            assertThat(output)
                    .doesNotContain("mvn called", "the build failed")
                    .isEqualTo(javaCalledInTheProject("models"));
        }
    }

    @Test
    void setsPassiveOpenMpThreadsUnlessTheWaitPolicyIsGivenOrSetEmpty() throws Exception {
        executable(
                Files.writeString(
                        tools.resolve("java"),
                        "#!/bin/sh\necho \"policy ${OMP_WAIT_POLICY-unset}\"\n"));
        Path launcher = project.resolve("classify");

        assertThat(run(Map.of(), launcher, "models")).isEqualTo("policy PASSIVE\n");
        assertThat(run(Map.of("OMP_WAIT_POLICY", "ACTIVE"), launcher, "models"))
                .isEqualTo("policy ACTIVE\n");
        // Empty: OpenMP's own default (spin a while, then sleep), which libgomp has only unset.
        assertThat(run(Map.of("OMP_WAIT_POLICY", ""), launcher, "models"))
                .isEqualTo("policy unset\n");
    }

    /** What the fake java prints when the launcher starts the project's build with {@code args}. */
    private String javaCalledInTheProject(String args) {
        return "java -Dclassify.home="
                + project
                + " -jar "
                + project.resolve("cli/target/classify-cli.jar")
                + " "
                + args
                + "\n";
    }

    /** Runs {@code launcher ARGS} with the fake tools first on the path; returns its output. */
    private String run(Path launcher, String... args) throws Exception {
        return run(Map.of(), launcher, args);
    }

    /**
     * Runs {@code launcher ARGS} with the fake tools first on the path, {@code OMP_WAIT_POLICY}
     * unset and {@code environment} added; returns its output.
     */
    private String run(Map<String, String> environment, Path launcher, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.directory(folder.toFile());
        builder.environment().put("PATH", tools + File.pathSeparator + System.getenv("PATH"));
        builder.environment().remove("CLASSIFY_JAVA_OPTS");
        builder.environment().remove("OMP_WAIT_POLICY");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
