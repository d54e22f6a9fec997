// Converts one self-contained ontology file (no owl:imports) to another OWL syntax with the OWL API 5
// (the library Protégé is built on), so the output is written the way Protégé writes it.
// Run with `java -cp <owlapi classpath> OwlConvert.java IN OUT FORMAT` where FORMAT is one of
// owx (OWL/XML), rdfxml, ttl, ofn (functional syntax), omn (Manchester syntax). No build step.
// Prints one JSON object on standard output; exit 0 written, 2 the input could not be loaded or saved.

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.FunctionalSyntaxDocumentFormat;
import org.semanticweb.owlapi.formats.ManchesterSyntaxDocumentFormat;
import org.semanticweb.owlapi.formats.OWLXMLDocumentFormat;
import org.semanticweb.owlapi.formats.PrefixDocumentFormat;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;

public class OwlConvert {
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static PrefixDocumentFormat format(String name) {
        switch (name) {
            case "owx": return new OWLXMLDocumentFormat();
            case "rdfxml": return new RDFXMLDocumentFormat();
            case "ttl": return new TurtleDocumentFormat();
            case "ofn": return new FunctionalSyntaxDocumentFormat();
            case "omn": return new ManchesterSyntaxDocumentFormat();
            default: throw new IllegalArgumentException("unknown format " + name);
        }
    }

    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.getIRIMappers().clear();  // no web lookups: the input must be self-contained
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
            .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION);
        try {
            OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new FileDocumentSource(new File(args[0])), config);
            PrefixDocumentFormat target = format(args[2]);
            target.setPrefix("svc:", "https://w3id.org/svco#");
            target.setPrefix("skos:", "http://www.w3.org/2004/02/skos/core#");
            target.setPrefix("dcterms:", "http://purl.org/dc/terms/");
            target.setPrefix("vann:", "http://purl.org/vocab/vann/");
            if (ontology.getOntologyID().getOntologyIRI().isPresent()) {
                target.setDefaultPrefix(ontology.getOntologyID().getOntologyIRI().get().toString() + "#");
            }
            try (OutputStream out = new FileOutputStream(args[1])) {
                manager.saveOntology(ontology, target, out);
            }
            System.out.println("{\"written\": true, \"axioms\": " + ontology.getAxiomCount() + "}");
        } catch (Exception e) {
            System.out.println("{\"written\": false, \"error\": " + json(String.valueOf(e.getMessage())) + "}");
            System.exit(2);
        }
    }
}
