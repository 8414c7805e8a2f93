// Segments texts with an SRX 2.0 file through OmegaT's own segmenter
// (org.omegat.core.segmentation, OmegaT 3.6 as Debian ships it), to check that a
// CAT tool given polyglot's SRX export breaks where polyglot does.
// Usage: java -cp OmegaT.jar:. SrxOmegaT rules.srx LANG < texts
// Input: texts separated by U+0000. Output: per text, its segments separated by
// U+0001, texts separated by U+0000.
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.omegat.core.segmentation.MapRule;
import org.omegat.core.segmentation.Rule;
import org.omegat.core.segmentation.SRX;
import org.omegat.core.segmentation.Segmenter;
import org.omegat.util.Language;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class SrxOmegaT {
    private static final String NS = "http://www.lisa.org/srx20";

    public static void main(String[] args) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new File(args[0]));
        String lang = args[1];
        String ruleName = null;
        NodeList maps = doc.getElementsByTagNameNS(NS, "languagemap");
        for (int i = 0; i < maps.getLength() && ruleName == null; i++) {
            Element map = (Element) maps.item(i);
            if (lang.matches(map.getAttribute("languagepattern"))) {
                ruleName = map.getAttribute("languagerulename");
            }
        }
        List<Rule> rules = new ArrayList<>();
        NodeList languageRules = doc.getElementsByTagNameNS(NS, "languagerule");
        for (int i = 0; i < languageRules.getLength(); i++) {
            Element lr = (Element) languageRules.item(i);
            if (!lr.getAttribute("languagerulename").equals(ruleName)) {
                continue;
            }
            NodeList ruleNodes = lr.getElementsByTagNameNS(NS, "rule");
            for (int j = 0; j < ruleNodes.getLength(); j++) {
                Element rule = (Element) ruleNodes.item(j);
                String before = rule.getElementsByTagNameNS(NS, "beforebreak").item(0).getTextContent();
                String after = rule.getElementsByTagNameNS(NS, "afterbreak").item(0).getTextContent();
                rules.add(new Rule(!"no".equals(rule.getAttribute("break")), before, after));
            }
        }
        List<MapRule> mapRules = new ArrayList<>();
        mapRules.add(new MapRule(ruleName, ".*", rules));
        SRX srx = new SRX();
        srx.setMappingRules(mapRules);
        Segmenter segmenter = new Segmenter();
        segmenter.setSRX(srx);
        Language language = new Language(lang);

        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (String text : input.split("\u0000", -1)) {
            List<StringBuilder> spaces = new ArrayList<>();
            List<Rule> brules = new ArrayList<>();
            List<String> segments = segmenter.segment(language, text, spaces, brules);
            for (int k = 0; k < segments.size(); k++) {
                if (k > 0) {
                    out.append('\u0001');
                }
                out.append(segments.get(k));
            }
            out.append('\u0000');
        }
        System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }
}
