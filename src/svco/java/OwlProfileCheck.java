// Loads an ontology with the OWL API (the library Protégé is built on), resolving owl:imports through a
// Protégé catalog (catalog-v001.xml) and never through the network, then checks it against the OWL 2 DL
// profile. Prints one JSON object on standard output; exit 0 in profile, 1 violations, 2 load failure.
// Run with `java -cp <owlapi classpath> OwlProfileCheck.java ONTOLOGY [CATALOG]...` (no build step).

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyIRIMapper;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.util.SimpleIRIMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class OwlProfileCheck {
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static List<OWLOntologyIRIMapper> catalog(File file) throws Exception {
        List<OWLOntologyIRIMapper> mappers = new ArrayList<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList uris = factory.newDocumentBuilder().parse(file).getElementsByTagNameNS("*", "uri");
        for (int i = 0; i < uris.getLength(); i++) {
            Element uri = (Element) uris.item(i);
            File target = new File(file.getParentFile(), uri.getAttribute("uri"));
            mappers.add(new SimpleIRIMapper(IRI.create(uri.getAttribute("name")), IRI.create(target.getAbsoluteFile())));
        }
        return mappers;
    }

    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.getIRIMappers().clear();  // no automatic web lookups
        for (int i = 1; i < args.length; i++) for (OWLOntologyIRIMapper m : catalog(new File(args[i]))) manager.getIRIMappers().add(m);
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
            .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION);
        OWLOntology ontology;
        try {
            ontology = manager.loadOntologyFromOntologyDocument(new FileDocumentSource(new File(args[0])), config);
        } catch (Exception e) {
            System.out.println("{\"loaded\": false, \"error\": " + json(String.valueOf(e.getMessage())) + "}");
            System.exit(2);
            return;
        }
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        StringBuilder out = new StringBuilder("{\"loaded\": true");
        out.append(", \"ontology\": ").append(json(String.valueOf(ontology.getOntologyID().getOntologyIRI().orElse(null))));
        out.append(", \"format\": ").append(json(String.valueOf(manager.getOntologyFormat(ontology))));
        out.append(", \"imports\": [");
        boolean first = true;
        for (OWLOntology imported : ontology.getImports()) {
            out.append(first ? "" : ", ").append(json(String.valueOf(imported.getOntologyID().getOntologyIRI().orElse(null))));
            first = false;
        }
        out.append("], \"axioms\": ").append(ontology.getAxiomCount(org.semanticweb.owlapi.model.parameters.Imports.INCLUDED));
        out.append(", \"profile\": ").append(json(report.getProfile().getName()));
        out.append(", \"in_profile\": ").append(report.isInProfile());
        out.append(", \"violations\": [");
        first = true;
        for (OWLProfileViolation v : report.getViolations()) {
            out.append(first ? "" : ", ").append(json(v.toString()));
            first = false;
        }
        out.append("]}");
        System.out.println(out);
        System.exit(report.isInProfile() ? 0 : 1);
    }
}
