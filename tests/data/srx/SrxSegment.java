// Segments texts with an SRX file through net.sourceforge.segment (the SRX library
// OmegaT-era tools and LanguageTool used), to check polyglot's SRX export.
// Input on stdin: texts separated by U+0000. Output: per text, its segments
// separated by U+0001, texts separated by U+0000.
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.segment.srx.SrxDocument;
import net.sourceforge.segment.srx.SrxTextIterator;
import net.sourceforge.segment.srx.io.Srx2SaxParser;

public class SrxSegment {
    public static void main(String[] args) throws Exception {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(Srx2SaxParser.VALIDATE_PARAMETER, Boolean.TRUE);
        SrxDocument document;
        try (InputStreamReader reader =
                new InputStreamReader(new FileInputStream(args[0]), StandardCharsets.UTF_8)) {
            document = new Srx2SaxParser(parameters).parse(reader);
        }
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (String text : input.split("\u0000", -1)) {
            SrxTextIterator segments = new SrxTextIterator(document, args[1], text);
            boolean first = true;
            while (segments.hasNext()) {
                if (!first) {
                    out.append('\u0001');
                }
                out.append(segments.next());
                first = false;
            }
            out.append('\u0000');
        }
        System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }
}
