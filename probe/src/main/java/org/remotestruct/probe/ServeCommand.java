package org.remotestruct.probe;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.remotestruct.registry.RegistryScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code probe serve}: one probe for the machine, serving every registered process's numeric
 * fields on {@code /metrics} for Prometheus (see {@link FieldGauges} for the names).
 */
@Command(name = "serve", description = "Serve Prometheus /metrics for every registered process on this machine.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    LimitOptions limits;

    @Option(names = "--max-round-bytes", paramLabel = "BYTES", defaultValue = "" + ReadLimits.DEFAULT_ROUND_BYTES,
            description = "bytes read from all targets in one round; targets past it wait for a later round "
                    + "(default ${DEFAULT-VALUE})")
    long maxRoundBytes;

    @Option(names = "--max-round-elements", paramLabel = "N", defaultValue = "" + ReadLimits.DEFAULT_ROUND_ELEMENTS,
            description = "elements read from all targets in one round (default ${DEFAULT-VALUE})")
    long maxRoundElements;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "HTTP port (0: any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface — "
                    + "the metrics expose the targets' memory, so open it deliberately)")
    String host;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000",
            description = "time between the starts of two rounds, at a fixed rate (default ${DEFAULT-VALUE} ms)")
    long intervalMillis;

    @Option(names = "--duration", paramLabel = "S", description = "stop after this many seconds (default: until interrupted)")
    Double durationSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CommonOptions.checkTiming(intervalMillis, durationSeconds);
        ReadLimits readLimits = limits.read(maxRoundBytes, maxRoundElements);
        RegistryScanner scanner = limits.scanner();
        Path dir = common.directory();
        PrintWriter err = spec.commandLine().getErr();
        PrometheusRegistry registry = new PrometheusRegistry();
        try (MachineProbe probe = new MachineProbe(dir, common.types(), registry, line -> {
            err.println(line);
            err.flush();
        }, scanner, readLimits); HTTPServer server = listen(registry)) {
            probe.start(intervalMillis);
            PrintWriter out = spec.commandLine().getOut();
            out.println("serving http://" + host + ":" + server.getPort() + "/metrics for the targets in " + dir
                    + ", read every " + intervalMillis + " ms");
            out.flush();
            if (durationSeconds == null) {
                Thread.currentThread().join(); // until interrupted (Ctrl-C ends the JVM)
            } else {
                Thread.sleep((long) (durationSeconds * 1000));
            }
        }
        return 0;
    }

    /** The started HTTP server; a port in use or a bad host is one line naming both, not a stack trace. */
    private HTTPServer listen(PrometheusRegistry registry) {
        try {
            return HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
        } catch (IOException | RuntimeException e) {
            throw new ProbeException(ProbeException.TARGET, "cannot listen on " + host + ":" + port + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + " (choose another --port, or --port 0 for any free one)");
        }
    }
}
