import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks, after {@code ./mvnw verify}, what Maven Central will check at release time, so that a release never
 * finds out: every published module (a module of the reactor that does not set {@code maven.deploy.skip}) has a
 * name and a description, inherits the parent's url, licence, developers and scm, and has built its jar with a
 * sources jar and a Javadoc jar beside it; the parent's URLs are inherited as they are (no module path appended);
 * and {@code smartmigration-bom}, which has no parent, repeats the same metadata, has the reactor's version and
 * manages exactly the published jar modules.
 *
 * <pre>java scripts/CheckPublished.java        # from the repository root, after ./mvnw -B verify</pre>
 *
 * CI runs it in {@code .ci/run}. It prints the published artifacts, or every problem found and exits 1.
 */
public final class CheckPublished {

    private record Module(Path dir, Element pom, String artifactId, String packaging, String parent,
                          boolean skipDeploy) {
    }

    private final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new CheckPublished().run(Path.of(args.length > 0 ? args[0] : "."));
    }

    private void run(Path root) throws Exception {
        Element rootPom = read(root.resolve("pom.xml"));
        String version = text(rootPom, "version");
        Map<String, Module> modules = new LinkedHashMap<>();
        collect(root, rootPom, modules, false);

        checkParentMetadata(rootPom);
        Set<String> publishedJars = new TreeSet<>();
        List<String> artifacts = new ArrayList<>();
        for (Module m : modules.values()) {
            if (m.skipDeploy()) {
                continue;
            }
            String where = m.artifactId() + " (" + root.relativize(m.dir()) + "/pom.xml)";
            if (blank(text(m.pom(), "name")) || blank(text(m.pom(), "description"))) {
                problems.add(where + ": a published module needs its own <name> and <description>");
            }
            if (m.artifactId().equals("smartmigration-bom")) {
                checkBom(m, rootPom, version);
                artifacts.add(m.artifactId() + " (pom)");
                continue;
            }
            if (!m.dir().equals(root) && !"smartmigration-parent".equals(m.parent())) {
                problems.add(where + ": a published module inherits its metadata from smartmigration-parent");
            }
            if (!m.packaging().equals("jar")) {
                artifacts.add(m.artifactId() + " (" + m.packaging() + ")");
                continue;
            }
            publishedJars.add(m.artifactId());
            List<String> files = new ArrayList<>();
            for (String classifier : List.of("", "-sources", "-javadoc")) {
                String file = m.artifactId() + "-" + version + classifier + ".jar";
                Path jar = m.dir().resolve("target").resolve(file);
                if (!Files.isRegularFile(jar)) {
                    problems.add(where + ": target/" + file + " was not built");
                    continue;
                }
                files.add(classifier.isEmpty() ? "jar" : classifier.substring(1));
                if (classifier.equals("-javadoc")) {
                    try (JarFile javadoc = new JarFile(jar.toFile())) {
                        if (javadoc.getEntry("index.html") == null) {
                            problems.add(where + ": " + file + " has no index.html");
                        }
                    }
                }
            }
            artifacts.add(m.artifactId() + " (" + String.join(", ", files) + ")");
        }
        Module bom = modules.get("smartmigration-bom");
        if (bom == null) {
            problems.add("smartmigration-bom is not a module of the reactor");
        } else {
            Set<String> managed = new TreeSet<>();
            for (Element dependency : all(child(bom.pom(), "dependencyManagement"), "dependencies", "dependency")) {
                managed.add(text(dependency, "artifactId"));
                if (!"${project.version}".equals(text(dependency, "version"))) {
                    problems.add("smartmigration-bom: " + text(dependency, "artifactId")
                            + " must be at ${project.version}");
                }
            }
            if (!managed.equals(publishedJars)) {
                problems.add("smartmigration-bom manages " + managed + " but the published jar modules are "
                        + publishedJars + ": list every published module in the BOM, or set maven.deploy.skip in"
                        + " a module that is not published");
            }
        }

        if (problems.isEmpty()) {
            System.out.println("Published at " + version + ":");
            artifacts.forEach(a -> System.out.println("  dev.smartmigration:" + a));
        } else {
            problems.forEach(p -> System.err.println("CheckPublished: " + p));
            System.exit(1);
        }
    }

    private void collect(Path dir, Element pom, Map<String, Module> modules, boolean inheritedSkip)
            throws Exception {
        String skip = text(child(pom, "properties"), "maven.deploy.skip");
        boolean skipDeploy = skip == null ? inheritedSkip : Boolean.parseBoolean(skip);
        String packaging = Objects.requireNonNullElse(text(pom, "packaging"), "jar");
        Module module = new Module(dir, pom, text(pom, "artifactId"), packaging, text(child(pom, "parent"),
                "artifactId"), skipDeploy);
        modules.put(module.artifactId(), module);
        for (Element name : all(pom, "modules", "module")) {
            Path sub = dir.resolve(name.getTextContent().trim()).normalize();
            Element subPom = read(sub.resolve("pom.xml"));
            // A property is inherited only by modules whose parent is this POM.
            boolean childOfThis = module.artifactId().equals(text(child(subPom, "parent"), "artifactId"));
            collect(sub, subPom, modules, childOfThis && skipDeploy);
        }
    }

    private void checkParentMetadata(Element parent) {
        for (String path : List.of("url", "licenses/license/name", "licenses/license/url",
                "developers/developer/name", "scm/connection", "scm/developerConnection", "scm/url")) {
            if (blank(at(parent, path))) {
                problems.add("pom.xml: Maven Central requires <" + path + ">");
            }
        }
        if (!"false".equals(parent.getAttribute("child.project.url.inherit.append.path"))) {
            problems.add("pom.xml: set child.project.url.inherit.append.path=\"false\" on <project>, or every"
                    + " module's url gets its artifactId appended");
        }
        Element scm = child(parent, "scm");
        for (String attribute : List.of("child.scm.connection.inherit.append.path",
                "child.scm.developerConnection.inherit.append.path", "child.scm.url.inherit.append.path")) {
            if (scm == null || !"false".equals(scm.getAttribute(attribute))) {
                problems.add("pom.xml: set " + attribute + "=\"false\" on <scm>");
            }
        }
    }

    private void checkBom(Module bom, Element parent, String version) {
        if (child(bom.pom(), "parent") != null) {
            problems.add("smartmigration-bom must have no parent: an imported BOM brings its parent's"
                    + " dependencyManagement with it");
        }
        if (!version.equals(text(bom.pom(), "version"))) {
            problems.add("smartmigration-bom is at " + text(bom.pom(), "version") + ", the reactor at " + version);
        }
        for (String path : List.of("url", "licenses/license/name", "licenses/license/url",
                "developers/developer/id", "developers/developer/name", "developers/developer/url",
                "scm/connection", "scm/developerConnection", "scm/url", "issueManagement/url")) {
            if (!Objects.equals(at(parent, path), at(bom.pom(), path))) {
                problems.add("smartmigration-bom: <" + path + "> is \"" + at(bom.pom(), path)
                        + "\" but the parent's is \"" + at(parent, path) + "\"");
            }
        }
    }

    private static Element read(Path pom) throws IOException {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IOException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> all(Element parent, String container, String name) {
        List<Element> found = new ArrayList<>();
        Element c = child(parent, container);
        if (c != null) {
            for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static String at(Element root, String path) {
        Element e = root;
        for (String part : path.split("/")) {
            e = child(e, part);
        }
        return e == null ? null : e.getTextContent().trim();
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
