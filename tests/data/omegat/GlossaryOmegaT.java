// Reads a glossary file with OmegaT's own reader (org.omegat.gui.glossary, OmegaT 3.6
// as Debian ships it), to check that OmegaT takes polyglot's glossary as written.
// Usage: java -cp OmegaT.jar:lib/*:. GlossaryOmegaT glossary.txt
// Output: one line per entry, "source<TAB>target<TAB>comment", in UTF-8.
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class GlossaryOmegaT {
    public static void main(String[] args) throws Exception {
        List<GlossaryEntry> entries = GlossaryReaderTSV.read(new File(args[0]), false);
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        for (GlossaryEntry entry : entries) {
            out.println(entry.getSrcText() + "\t" + entry.getLocText() + "\t" + entry.getCommentText());
        }
    }
}
