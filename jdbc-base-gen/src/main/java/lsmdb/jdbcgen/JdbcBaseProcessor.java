package lsmdb.jdbcgen;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Writes the abstract JDBC base classes that {@link JdbcBase} asks for, reading each interface through
 * {@code javax.lang.model}: the classes follow the JDK the build compiles against and are never committed.
 */
public final class JdbcBaseProcessor extends AbstractProcessor {

    private static final String BASE = JdbcBase.class.getCanonicalName();
    private static final String BASES = JdbcBases.class.getCanonicalName();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(BASE, BASES);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element annotated : round.getElementsAnnotatedWith(annotation)) {
                for (AnnotationMirror m : annotated.getAnnotationMirrors()) {
                    String type = name(m.getAnnotationType());
                    if (type.equals(BASE)) {
                        generate(annotated, m);
                    } else if (type.equals(BASES)) {
                        for (Object each : (List<?>) value(m, "value").getValue()) {
                            generate(annotated, (AnnotationMirror) ((AnnotationValue) each).getValue());
                        }
                    }
                }
            }
        }
        return true;
    }

    /** One request: the class it names, or an error on the annotated element saying why not. */
    private void generate(Element annotated, AnnotationMirror request) {
        Request r = Request.of(this, annotated, request);
        if (r.of().getKind() != ElementKind.INTERFACE) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    r.of().getQualifiedName() + " is no interface: @JdbcBase implements an interface", annotated, request);
            return;
        }
        String source = new BaseWriter(processingEnv, r).write();
        String qualified = r.pkg().isEmpty() ? r.name() : r.pkg() + "." + r.name();
        try (Writer w = processingEnv.getFiler().createSourceFile(qualified, annotated).openWriter()) {
            w.write(source);
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "cannot write " + qualified + ": " + e.getMessage(), annotated, request);
        }
    }

    /** An annotation's value, its default when not given. */
    AnnotationValue value(AnnotationMirror m, String element) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : processingEnv.getElementUtils().getElementValuesWithDefaults(m).entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(element)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("no element " + element + " in " + m);
    }

    static String name(DeclaredType t) {
        return ((TypeElement) t.asElement()).getQualifiedName().toString();
    }

    /** A {@link JdbcBase} as read from the source. */
    record Request(String pkg, String name, TypeElement of, JdbcBase.Answer answer, String superclass,
                   TypeElement inherited) {

        static Request of(JdbcBaseProcessor p, Element annotated, AnnotationMirror m) {
            PackageElement pkg = p.processingEnv.getElementUtils().getPackageOf(annotated);
            TypeElement of = (TypeElement) ((DeclaredType) p.value(m, "of").getValue()).asElement();
            TypeElement inherited = (TypeElement) ((DeclaredType) p.value(m, "inherited").getValue()).asElement();
            String answer = ((VariableElement) p.value(m, "answer").getValue()).getSimpleName().toString();
            return new Request(pkg.getQualifiedName().toString(), (String) p.value(m, "name").getValue(), of,
                    JdbcBase.Answer.valueOf(answer), (String) p.value(m, "superclass").getValue(),
                    inherited.getQualifiedName().contentEquals("java.lang.Void") ? null : inherited);
        }
    }

    /** The source text of one base class. */
    static final class BaseWriter {

        private final javax.annotation.processing.ProcessingEnvironment env;
        private final Request r;
        private final StringBuilder out = new StringBuilder();

        BaseWriter(javax.annotation.processing.ProcessingEnvironment env, Request r) {
            this.env = env;
            this.r = r;
        }

        String write() {
            String iface = r.of().getQualifiedName().toString();
            if (!r.pkg().isEmpty()) {
                out.append("package ").append(r.pkg()).append(";\n\n");
            }
            out.append("/**\n * GENERATED at build time by lsmdb-jdbc-base-gen from {@code ").append(iface)
                    .append("}: every method the JDBC interface declares")
                    .append(r.inherited() == null ? "" : " beyond {@code " + r.inherited().getQualifiedName() + "}")
                    .append(",\n")
                    .append(r.answer() == JdbcBase.Answer.NO
                            ? " * answering \"no\" (false, 0, \"\", an empty result set). Subclasses override what is true.\n"
                            : " * failing with 0A000 (optional feature not implemented). Subclasses override what they support.\n")
                    .append(" */\n@javax.annotation.processing.Generated(\"").append(JdbcBaseProcessor.class.getName())
                    .append("\")\n@SuppressWarnings({\"deprecation\", \"unchecked\"})\nabstract class ").append(r.name())
                    .append(r.superclass().isEmpty() ? "" : " extends " + r.superclass())
                    .append(" implements ").append(iface).append(" {\n");
            constructors();
            for (ExecutableElement m : methods()) {
                method(m);
            }
            if (r.answer() == JdbcBase.Answer.NO) {
                out.append("\n    /** An empty result set with the standard columns of the named metadata method. */\n")
                        .append("    abstract java.sql.ResultSet empty(String method) throws java.sql.SQLException;\n");
            }
            if (r.superclass().isEmpty() && isWrapper()) {
                wrapper();
            }
            return out.append("}\n").toString();
        }

        /**
         * The abstract methods of the interface and its super-interfaces, one per signature, in name order; without
         * {@code java.sql.Wrapper}'s (written by hand below) and those the superclass's interface has.
         */
        private List<ExecutableElement> methods() {
            Set<String> skip = new HashSet<>();
            if (r.inherited() != null) {
                for (ExecutableElement m : ElementFilter.methodsIn(env.getElementUtils().getAllMembers(r.inherited()))) {
                    skip.add(signature(m));
                }
            }
            List<ExecutableElement> methods = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ExecutableElement m : ElementFilter.methodsIn(env.getElementUtils().getAllMembers(r.of()))) {
                if (m.getEnclosingElement().getKind() != ElementKind.INTERFACE
                        || !m.getModifiers().contains(Modifier.ABSTRACT)) {
                    continue; // default, static and java.lang.Object's methods
                }
                if (((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals("java.sql.Wrapper")) {
                    continue;
                }
                String sig = signature(m);
                if (!skip.contains(sig) && seen.add(sig)) {
                    methods.add(m);
                }
            }
            methods.sort(Comparator.comparing(this::signature));
            return methods;
        }

        private String signature(ExecutableElement m) {
            TypeMirror[] erased = m.getParameters().stream().map(p -> env.getTypeUtils().erasure(p.asType()))
                    .toArray(TypeMirror[]::new);
            return m.getSimpleName() + java.util.Arrays.toString(erased);
        }

        /** The superclass's non-private constructors, passed through (the generated class adds no state). */
        private void constructors() {
            if (r.superclass().isEmpty()) {
                return;
            }
            String qualified = r.pkg().isEmpty() ? r.superclass() : r.pkg() + "." + r.superclass();
            TypeElement sup = env.getElementUtils().getTypeElement(qualified);
            if (sup == null) {
                env.getMessager().printMessage(Diagnostic.Kind.ERROR, "no class " + qualified + " to extend");
                return;
            }
            for (ExecutableElement c : ElementFilter.constructorsIn(sup.getEnclosedElements())) {
                if (c.getModifiers().contains(Modifier.PRIVATE)) {
                    continue;
                }
                out.append("\n    ").append(c.getModifiers().contains(Modifier.PUBLIC) ? "public "
                        : c.getModifiers().contains(Modifier.PROTECTED) ? "protected " : "").append(r.name()).append('(');
                List<String> args = new ArrayList<>();
                for (int i = 0; i < c.getParameters().size(); i++) {
                    out.append(i > 0 ? ", " : "").append(c.getParameters().get(i).asType()).append(" p").append(i);
                    args.add("p" + i);
                }
                out.append(')');
                if (!c.getThrownTypes().isEmpty()) {
                    out.append(c.getThrownTypes().stream().map(TypeMirror::toString)
                            .collect(Collectors.joining(", ", " throws ", "")));
                }
                out.append(" {\n        super(").append(String.join(", ", args)).append(");\n    }\n");
            }
        }

        private void method(ExecutableElement m) {
            String name = m.getSimpleName().toString();
            out.append("\n    @Override\n    public ");
            List<? extends TypeParameterElement> tps = m.getTypeParameters();
            if (!tps.isEmpty()) {
                out.append(tps.stream().map(this::typeParameter).collect(Collectors.joining(", ", "<", "> ")));
            }
            out.append(m.getReturnType()).append(' ').append(name).append('(');
            for (int i = 0; i < m.getParameters().size(); i++) {
                out.append(i > 0 ? ", " : "").append(m.getParameters().get(i).asType()).append(" p").append(i);
            }
            out.append(')');
            List<? extends TypeMirror> thrown = m.getThrownTypes();
            if (!thrown.isEmpty()) {
                out.append(thrown.stream().map(TypeMirror::toString).collect(Collectors.joining(", ", " throws ", "")));
            }
            out.append(" {\n        ").append(body(m, name, thrown)).append("\n    }\n");
        }

        private String typeParameter(TypeParameterElement t) {
            List<String> bounds = t.getBounds().stream().map(TypeMirror::toString)
                    .filter(b -> !b.equals("java.lang.Object")).collect(Collectors.toList());
            return t.getSimpleName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds));
        }

        private String body(ExecutableElement m, String name, List<? extends TypeMirror> thrown) {
            boolean sqlException = thrown.stream().anyMatch(t -> t.toString().equals("java.sql.SQLException"));
            TypeMirror ret = m.getReturnType();
            if (r.answer() == JdbcBase.Answer.NO) {
                TypeKind k = ret.getKind();
                String type = ret.toString();
                if (k == TypeKind.BOOLEAN) {
                    return "return false;";
                } else if (k == TypeKind.INT || k == TypeKind.LONG) {
                    return "return 0;";
                } else if (type.equals("java.lang.String")) {
                    return "return \"\";";
                } else if (type.equals("java.sql.ResultSet")) {
                    return "return empty(\"" + name + "\");";
                } else if (type.equals("java.sql.RowIdLifetime")) {
                    return "return java.sql.RowIdLifetime.ROWID_UNSUPPORTED;";
                } else if (k == TypeKind.VOID) {
                    return "// nothing to do";
                }
                return sqlException ? "throw Jdbc.unsupported(\"" + name + "\");"
                        : "throw new UnsupportedOperationException(\"" + name + "\");";
            }
            String qualified = r.of().getSimpleName() + "." + name;
            if (sqlException) {
                return "throw Jdbc.unsupported(\"" + qualified + "\");";
            }
            if (!thrown.isEmpty()) {
                return "throw new " + thrown.get(0) + "();";
            }
            return "throw new UnsupportedOperationException(\"" + qualified + " is not supported\");";
        }

        /** Whether the interface extends {@code java.sql.Wrapper} (Savepoint, for one, does not). */
        private boolean isWrapper() {
            TypeElement wrapper = env.getElementUtils().getTypeElement("java.sql.Wrapper");
            return env.getTypeUtils().isSubtype(env.getTypeUtils().erasure(r.of().asType()),
                    env.getTypeUtils().erasure(wrapper.asType()));
        }

        private void wrapper() {
            out.append("\n    @Override\n    public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {\n")
                    .append("        if (iface.isInstance(this)) {\n            return (T) this;\n        }\n")
                    .append("        throw new java.sql.SQLException(getClass().getSimpleName() + \" does not wrap \"")
                    .append(" + iface.getName(), \"HY000\");\n    }\n")
                    .append("\n    @Override\n    public boolean isWrapperFor(Class<?> iface) {\n")
                    .append("        return iface.isInstance(this);\n    }\n");
        }
    }
}
