package org.remotestruct.processor.validate;

import java.lang.annotation.Annotation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import org.remotestruct.annotations.RemoteStruct;
import org.remotestruct.annotations.RemoteUnion;
import org.remotestruct.processor.Message;
import org.remotestruct.processor.model.CLayout;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.Names;
import org.remotestruct.processor.model.StructModel;

/**
 * Checks {@code @RemoteStruct} types: elements in, diagnostics out, and a {@link StructModel} only
 * for a record without errors. Create one per round: it caches nested structs for that round.
 *
 * <p>Works the same on records compiled from source and on records read from class files (nested
 * structs from other libraries): it reads annotations through the elements API only.
 */
public final class StructValidator {

    /** How a nested struct turned out, seen from the field that nests it. */
    enum NestedState { VALID, INVALID, CYCLE, NO_VIEW, DEFERRED }

    /** A nested struct's state, its model if valid, and names for messages. */
    record Nested(NestedState state, StructModel model, String name, String viewName) {
    }

    private final Elements elements;
    private final ErrorReporter reporter;
    private final Set<String> structsThisRound;
    private final boolean lastRound;
    private final Deque<String> inProgress;
    private final Map<String, Outcome> nestedCache;

    /**
     * A validator reporting to {@code reporter}. {@code structsThisRound} are the qualified names of
     * the records processed this round, whose views will exist after it; in the {@code lastRound} a
     * nested struct without a view is an error instead of a reason to wait.
     */
    public StructValidator(Elements elements, ErrorReporter reporter, Set<String> structsThisRound,
            boolean lastRound) {
        this(elements, reporter, structsThisRound, lastRound, new ArrayDeque<>(), new HashMap<>());
    }

    private StructValidator(Elements elements, ErrorReporter reporter, Set<String> structsThisRound,
            boolean lastRound, Deque<String> inProgress, Map<String, Outcome> nestedCache) {
        this.elements = elements;
        this.reporter = reporter;
        this.structsThisRound = Set.copyOf(structsThisRound);
        this.lastRound = lastRound;
        this.inProgress = inProgress;
        this.nestedCache = nestedCache;
    }

    /** Validates {@code type}, reporting every problem found, and builds its model if there is none. */
    public Outcome validate(TypeElement type) {
        StructAttributes attributes = StructAttributes.of(type);
        if (type.getKind() != ElementKind.RECORD) {
            String kind = type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
            reporter.report(Message.NOT_A_RECORD, Location.of(type), attributes.annotationName(), kind,
                    type.getSimpleName());
            return Outcome.INVALID;
        }
        int errors = reporter.errorCount();
        checkUsable(type);
        if (type.getAnnotation(RemoteStruct.class) != null && type.getAnnotation(RemoteUnion.class) != null) {
            reporter.report(Message.STRUCT_AND_UNION, Location.of(type), type.getSimpleName());
        }
        String structName = attributes.name().isEmpty() ? type.getSimpleName().toString() : attributes.name();
        checkAttributes(type, attributes, structName);
        List<Candidate> candidates = new ArrayList<>();
        boolean deferred = checkFields(type, candidates);
        LayoutPlanner.Plan plan = LayoutPlanner.plan(type, attributes, structName, candidates, reporter);
        if (plan != null) {
            LayoutChecker.check(structName, plan, reporter);
            SequenceChecker.check(type, attributes, plan, reporter);
        }
        NameChecker.check(candidates, reporter);
        if (reporter.errorCount() > errors) {
            return Outcome.INVALID;
        }
        if (deferred) {
            return Outcome.DEFERRED;
        }
        if (plan == null) {
            throw new IllegalStateException("no layout for " + type.getQualifiedName() + ", but no error either");
        }
        List<FieldModel> fields = plan.fields().stream().map(Candidate::field).toList();
        String pkg = elements.getPackageOf(type).getQualifiedName().toString();
        return new Outcome(new StructModel(pkg, recordNames(type), structName, plan.size(), fields, plan.kind(),
                attributes.pack(), attributes.align(), plan.alignment(), attributes.header(), attributes.sequence()),
                false);
    }

    private void checkAttributes(TypeElement type, StructAttributes attributes, String structName) {
        AnnotationMirror mirror = attributes.mirror();
        if (attributes.sizeGiven() && attributes.size() <= 0) {
            reporter.report(Message.SIZE_NOT_POSITIVE, Location.attribute(type, mirror, "size"), attributes.size());
        }
        if (!Names.isCIdentifier(structName)) {
            reporter.report(Message.NOT_C_IDENTIFIER, Location.attribute(type, mirror, "name"),
                    attributes.union() ? "union name" : "struct name", structName);
        }
        int pack = attributes.pack();
        if (pack != 0 && !(CLayout.isPowerOfTwo(pack) && pack <= 16)) {
            reporter.report(Message.PACK_INVALID, Location.attribute(type, mirror, "pack"), pack);
        }
        if (attributes.align() != 0 && !CLayout.isPowerOfTwo(attributes.align())) {
            reporter.report(Message.ALIGN_INVALID, Location.attribute(type, mirror, "align"),
                    attributes.union() ? "union" : "struct", attributes.align());
        }
        String header = attributes.header();
        if (header.contains("\"") || header.contains("\n") || header.contains("\r") || header.contains("\\")) {
            reporter.report(Message.HEADER_NOT_INCLUDABLE, Location.attribute(type, mirror, "header"), header);
        }
    }

    /** Checks each component; returns whether any waits for a nested view from a later round. */
    private boolean checkFields(TypeElement type, List<Candidate> out) {
        Map<String, Element> backing = new HashMap<>();
        for (VariableElement f : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            if (!f.getModifiers().contains(Modifier.STATIC)) {
                backing.put(f.getSimpleName().toString(), f);
            }
        }
        FieldValidator fields = new FieldValidator(this, reporter);
        boolean deferred = false;
        inProgress.push(type.getQualifiedName().toString());
        try {
            for (RecordComponentElement component : type.getRecordComponents()) {
                Element field = backing.getOrDefault(component.getSimpleName().toString(), component);
                FieldValidator.Result result = fields.check(component, field);
                deferred |= result.deferred();
                if (result.candidate() != null) {
                    out.add(result.candidate());
                }
            }
        } finally {
            inProgress.pop();
        }
        return deferred;
    }

    private void checkUsable(TypeElement type) {
        String problem = null;
        if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            problem = "is declared inside a method";
        } else if (!type.getTypeParameters().isEmpty()) {
            problem = "is generic";
        } else {
            for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
                if (e.getModifiers().contains(Modifier.PRIVATE)) {
                    problem = e == type ? "is private" : "is inside private " + e.getSimpleName();
                    break;
                }
            }
        }
        if (problem != null) {
            reporter.report(Message.RECORD_NOT_USABLE, Location.of(type), type.getSimpleName(), problem);
        }
    }

    /** The element utilities of this round. */
    Elements elements() {
        return elements;
    }

    /** The state of the struct {@code record} nested in the record being validated. */
    Nested nested(TypeElement record) {
        String name = record.getQualifiedName().toString();
        if (inProgress.contains(name)) {
            return new Nested(NestedState.CYCLE, null, name, null);
        }
        Outcome outcome = nestedCache.get(name);
        if (outcome == null) {
            StructValidator silent = new StructValidator(elements, ErrorReporter.silent(), structsThisRound,
                    lastRound, inProgress, nestedCache);
            outcome = silent.validate(record);
            nestedCache.put(name, outcome);
        }
        if (outcome.deferred()) {
            return new Nested(NestedState.DEFERRED, null, name, null);
        }
        if (!outcome.valid()) {
            return new Nested(NestedState.INVALID, null, name, null);
        }
        StructModel model = outcome.model();
        if (!structsThisRound.contains(name) && elements.getTypeElement(model.viewQualifiedName()) == null) {
            NestedState state = lastRound ? NestedState.NO_VIEW : NestedState.DEFERRED;
            return new Nested(state, null, name, model.viewQualifiedName());
        }
        return new Nested(NestedState.VALID, model, name, model.viewQualifiedName());
    }

    /**
     * Whether the view of {@code record}, which a typed pointer points to, exists or will after this
     * round: {@code VALID}, {@code DEFERRED} (maybe a later round), or {@code NO_VIEW}.
     */
    NestedState pointeeView(TypeElement record) {
        if (structsThisRound.contains(record.getQualifiedName().toString())
                || elements.getTypeElement(viewQualifiedName(record)) != null) {
            return NestedState.VALID;
        }
        return lastRound ? NestedState.NO_VIEW : NestedState.DEFERRED;
    }

    /** The canonical name {@code record}'s generated view has. */
    String viewQualifiedName(TypeElement record) {
        String pkg = elements.getPackageOf(record).getQualifiedName().toString();
        String simple = String.join("_", recordNames(record)) + "RemoteView";
        return pkg.isEmpty() ? simple : pkg + "." + simple;
    }

    /** Simple names of {@code type} and its enclosing types, outermost first. */
    static List<String> recordNames(TypeElement type) {
        List<String> names = new ArrayList<>();
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            names.add(0, e.getSimpleName().toString());
        }
        return names;
    }

    /** Whether {@code record} is annotated {@code @RemoteStruct} or {@code @RemoteUnion}. */
    static boolean isRemote(TypeElement record) {
        return mirror(record, RemoteStruct.class) != null || mirror(record, RemoteUnion.class) != null;
    }

    /** The mirror of annotation {@code type} on {@code element}, or {@code null}. */
    static AnnotationMirror mirror(Element element, Class<? extends Annotation> type) {
        for (AnnotationMirror m : element.getAnnotationMirrors()) {
            TypeElement annotation = (TypeElement) m.getAnnotationType().asElement();
            if (annotation.getQualifiedName().contentEquals(type.getCanonicalName())) {
                return m;
            }
        }
        return null;
    }
}
