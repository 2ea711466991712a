package org.remotestruct.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.remotestruct.annotations.RemoteStruct;
import org.remotestruct.annotations.RemoteUnion;
import org.remotestruct.processor.generate.CHeaderGenerator;
import org.remotestruct.processor.generate.HeaderCheckGenerator;
import org.remotestruct.processor.generate.ServiceRegistry;
import org.remotestruct.processor.generate.ViewGenerator;
import org.remotestruct.processor.model.StructModel;
import org.remotestruct.processor.validate.ErrorReporter;
import org.remotestruct.processor.validate.Location;
import org.remotestruct.processor.validate.Outcome;
import org.remotestruct.processor.validate.StructValidator;

/**
 * Generates a {@code <Record>RemoteView}, a C header and a {@code ServiceLoader} registration for
 * every {@code @RemoteStruct} record, in three stages: validate, build an immutable model, generate.
 *
 * <p>A record with any error gets no generated code, and never stops the others. A record whose
 * nested struct's view does not exist yet waits for the next round (another processor may
 * generate the nested record). The processor never claims {@code @RemoteStruct}.
 *
 * <p>Option {@value #HEADER_DIR_OPTION}: a directory to which C headers are also written, and the
 * {@code <struct>_check.c} of records that name an existing header ({@code @RemoteStruct(header)}),
 * which go to {@code remotestruct/check/} in the class output without it.
 *
 * <p>Not final only so that a test can inject a failure into {@link #generate} (RS000).
 */
@AutoService(Processor.class)
public class RemoteStructProcessor extends AbstractProcessor {

    /** Processor option naming an extra directory for the generated C headers. */
    public static final String HEADER_DIR_OPTION = "remotestruct.headerDir";

    /** Where headers go in the class output, so they ship in the jar. */
    public static final String HEADER_RESOURCE_DIR = "remotestruct/include/";

    private final Set<String> deferred = new LinkedHashSet<>();
    private final Map<String, String> recordByStructName = new HashMap<>();
    private final ServiceRegistry services = new ServiceRegistry();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(RemoteStruct.class.getCanonicalName(), RemoteUnion.class.getCanonicalName());
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(HEADER_DIR_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        List<TypeElement> types = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.add(type);
            }
        }
        deferred.clear();
        for (Class<? extends Annotation> annotation : List.of(RemoteStruct.class, RemoteUnion.class)) {
            for (Element e : round.getElementsAnnotatedWith(annotation)) {
                if (e instanceof TypeElement type && !types.contains(type)) {
                    types.add(type);
                }
            }
        }
        Set<String> records = new LinkedHashSet<>();
        for (TypeElement type : types) {
            if (type.getKind() == ElementKind.RECORD) {
                records.add(type.getQualifiedName().toString());
            }
        }
        ErrorReporter reporter = ErrorReporter.printingTo(processingEnv.getMessager());
        StructValidator validator = new StructValidator(processingEnv.getElementUtils(), reporter, records,
                round.processingOver());
        for (TypeElement type : types) {
            processOne(type, validator, reporter);
        }
        if (round.processingOver()) {
            writeServices();
        }
        return false;
    }

    private void processOne(TypeElement type, StructValidator validator, ErrorReporter reporter) {
        try {
            Outcome outcome = validator.validate(type);
            if (outcome.deferred()) {
                deferred.add(type.getQualifiedName().toString());
            } else if (outcome.valid() && claimStructName(outcome.model(), type, reporter)) {
                generate(outcome.model(), type, reporter);
            }
        } catch (RuntimeException | Error e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            reporter.report(Message.INTERNAL_ERROR, Location.of(type), type.getQualifiedName(), trace);
            throw e;
        }
    }

    private boolean claimStructName(StructModel model, TypeElement type, ErrorReporter reporter) {
        String mine = model.recordQualifiedName();
        String owner = recordByStructName.putIfAbsent(model.structName(), mine);
        if (owner != null && !owner.equals(mine)) {
            reporter.report(Message.DUPLICATE_STRUCT_NAME,
                    Location.attribute(type, RemoteStruct.class.getCanonicalName(), "name"),
                    model.structName(), owner);
            return false;
        }
        return true;
    }

    /** Writes the view and the header of a valid record and registers its type. */
    void generate(StructModel model, TypeElement type, ErrorReporter reporter) {
        String what = model.viewQualifiedName();
        try {
            JavaFileObject source = processingEnv.getFiler().createSourceFile(what, type);
            try (Writer out = source.openWriter()) {
                ViewGenerator.generate(model).writeTo(out);
            }
            String header = CHeaderGenerator.generate(model);
            what = HEADER_RESOURCE_DIR + CHeaderGenerator.fileName(model);
            FileObject resource = processingEnv.getFiler()
                    .createResource(StandardLocation.CLASS_OUTPUT, "", what, type);
            try (Writer out = resource.openWriter()) {
                out.write(header);
            }
            String headerDir = processingEnv.getOptions().get(HEADER_DIR_OPTION);
            if (headerDir != null && !headerDir.isBlank()) {
                Path file = Path.of(headerDir).resolve(CHeaderGenerator.fileName(model));
                what = file.toString();
                Files.createDirectories(file.getParent());
                Files.writeString(file, header, StandardCharsets.UTF_8);
            }
            if (!model.header().isEmpty()) {
                what = HeaderCheckGenerator.fileName(model);
                writeHeaderCheck(model, type, headerDir);
            }
            services.add(model.typeBinaryName());
        } catch (IOException e) {
            reporter.report(Message.CANNOT_WRITE, Location.of(type), what, e);
        }
    }

    /** Writes {@code <struct>_check.c} to the header directory, or the class output without one. */
    private void writeHeaderCheck(StructModel model, TypeElement type, String headerDir) throws IOException {
        String check = HeaderCheckGenerator.generate(model);
        if (headerDir != null && !headerDir.isBlank()) {
            Path file = Path.of(headerDir).resolve(HeaderCheckGenerator.fileName(model));
            Files.createDirectories(file.getParent());
            Files.writeString(file, check, StandardCharsets.UTF_8);
            return;
        }
        String name = "remotestruct/check/" + HeaderCheckGenerator.fileName(model);
        FileObject resource = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", name, type);
        try (Writer out = resource.openWriter()) {
            out.write(check);
        }
    }

    private void writeServices() {
        try {
            services.write(processingEnv.getFiler(), processingEnv.getElementUtils());
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.CANNOT_WRITE.format(ServiceRegistry.PATH, e));
        }
    }
}
