// Explains why an ontology is inconsistent (or why a class is unsatisfiable) with HermiT: finds one
// justification, a minimal set of logical axioms that already entails the contradiction, by QuickXplain
// (divide and conquer over the axioms, one HermiT consistency check a step).
// Runs against the HermiT.jar that owlready2 ships (HermiT 1.3 with the OWL API 3 inside):
//   java -cp HermiT.jar HermitExplain.java ONTOLOGY [CLASS_IRI]... [--max-checks N]
// ONTOLOGY is a file (N-Triples or RDF/XML) with everything merged in (no owl:imports). Prints one JSON
// object: {"consistent": bool, "inconsistency": [axiom, ...], "unsatisfiable": {class: [axiom, ...]},
// "checks": n, "complete": bool}. Axioms are rendered in Manchester syntax with prefixed names.

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.semanticweb.HermiT.Configuration;
import org.semanticweb.HermiT.Reasoner;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.util.DefaultPrefixManager;
import uk.ac.manchester.cs.owl.owlapi.mansyntaxrenderer.ManchesterOWLSyntaxOWLObjectRendererImpl;

public class HermitExplain {
    static int checks = 0;
    static int maxChecks = 2000;
    static boolean complete = true;

    static class Budget extends RuntimeException {}

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    /** Whether these axioms are consistent, by a fresh HermiT. */
    static boolean consistent(List<OWLAxiom> axioms) throws Exception {
        if (++checks > maxChecks) throw new Budget();
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        OWLOntology o = m.createOntology(new LinkedHashSet<>(axioms));
        Configuration c = new Configuration();
        c.ignoreUnsupportedDatatypes = true;
        c.throwInconsistentOntologyException = false;
        return new Reasoner(c, o).isConsistent();
    }

    static List<OWLAxiom> union(List<OWLAxiom> a, List<OWLAxiom> b) {
        List<OWLAxiom> u = new ArrayList<>(a);
        u.addAll(b);
        return u;
    }

    /** QuickXplain: a minimal subset of `candidates` that, with `background`, is inconsistent. */
    static List<OWLAxiom> quickXplain(List<OWLAxiom> background, boolean changed, List<OWLAxiom> candidates)
            throws Exception {
        if (changed && !consistent(background)) return new ArrayList<>();
        if (candidates.size() == 1) return new ArrayList<>(candidates);
        int half = candidates.size() / 2;
        List<OWLAxiom> c1 = new ArrayList<>(candidates.subList(0, half));
        List<OWLAxiom> c2 = new ArrayList<>(candidates.subList(half, candidates.size()));
        List<OWLAxiom> d2 = quickXplain(union(background, c1), !c1.isEmpty(), c2);
        List<OWLAxiom> d1 = quickXplain(union(background, d2), !d2.isEmpty(), c1);
        return union(d1, d2);
    }

    /** One justification of the inconsistency of background + axioms (null when consistent or over budget). */
    static List<OWLAxiom> justify(List<OWLAxiom> background, List<OWLAxiom> axioms) throws Exception {
        if (consistent(union(background, axioms))) return null;
        try {
            return quickXplain(background, false, axioms);
        } catch (Budget e) {
            complete = false;
            return null;
        }
    }

    static String render(List<OWLAxiom> axioms, ManchesterOWLSyntaxOWLObjectRendererImpl renderer) {
        StringBuilder b = new StringBuilder("[");
        boolean first = true;
        for (OWLAxiom ax : axioms) {
            b.append(first ? "" : ", ").append(json(renderer.render(ax).replaceAll("\\s+", " ").trim()));
            first = false;
        }
        return b.append("]").toString();
    }

    public static void main(String[] args) throws Exception {
        List<String> classes = new ArrayList<>();
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--max-checks")) maxChecks = Integer.parseInt(args[++i]);
            else if (file == null) file = args[i];
            else classes.add(args[i]);
        }
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(file));
        OWLDataFactory factory = manager.getOWLDataFactory();
        List<OWLAxiom> logical = new ArrayList<>(ontology.getLogicalAxioms());

        DefaultPrefixManager prefixes = new DefaultPrefixManager();
        prefixes.setPrefix("svc:", "https://w3id.org/svco#");
        prefixes.setPrefix("owl:", "http://www.w3.org/2002/07/owl#");
        prefixes.setPrefix("xsd:", "http://www.w3.org/2001/XMLSchema#");
        ManchesterOWLSyntaxOWLObjectRendererImpl renderer = new ManchesterOWLSyntaxOWLObjectRendererImpl();
        renderer.setShortFormProvider(prefixes);

        StringBuilder out = new StringBuilder("{");
        List<OWLAxiom> inconsistency = justify(new ArrayList<>(), logical);
        out.append("\"consistent\": ").append(inconsistency == null && complete);
        out.append(", \"inconsistency\": ").append(inconsistency == null ? "[]" : render(inconsistency, renderer));
        out.append(", \"unsatisfiable\": {");
        boolean first = true;
        if (inconsistency == null && complete) {
            for (String iri : classes) {
                OWLAxiom witness = factory.getOWLClassAssertionAxiom(
                    factory.getOWLClass(IRI.create(iri)),
                    factory.getOWLNamedIndividual(IRI.create("urn:svco:explain:witness")));
                List<OWLAxiom> background = new ArrayList<>();
                background.add(witness);
                List<OWLAxiom> why = justify(background, logical);
                if (why == null) continue;
                out.append(first ? "" : ", ").append(json(iri)).append(": ").append(render(why, renderer));
                first = false;
            }
        }
        out.append("}, \"checks\": ").append(checks).append(", \"complete\": ").append(complete).append("}");
        System.out.println(out);
    }
}
