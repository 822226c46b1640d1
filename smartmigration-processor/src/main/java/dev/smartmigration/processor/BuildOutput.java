package dev.smartmigration.processor;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/** The processor's files in the build's output, read and written through the {@link Filer} only. */
final class BuildOutput {

    /** The output of an earlier build exists but cannot be read as this processor wrote it. */
    static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Filer filer;

    BuildOutput(Filer filer) {
        this.filer = filer;
    }

    /**
     * @return the chain index an earlier compilation left in the class output, or empty when there is none
     * @throws UnreadableException when there is one (or our service file without one) that cannot be read
     */
    Optional<ChainIndex> previousIndex() throws UnreadableException {
        Optional<String> index = read(StandardLocation.CLASS_OUTPUT, "", ChainIndex.PATH);
        if (index.isEmpty()) {
            Optional<String> service = read(StandardLocation.CLASS_OUTPUT, "", ChainWriter.SERVICE_FILE);
            if (service.isPresent() && service.get().startsWith(ChainWriter.serviceFile("").strip())) {
                throw new UnreadableException(ChainWriter.SERVICE_FILE + " names a generated chain but "
                        + ChainIndex.PATH + " is missing", null);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(ChainIndex.parse(index.get()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableException(ChainIndex.PATH + " is " + e.getMessage(), e);
        }
    }

    /**
     * @return whether the file is on the source path; empty when the source path cannot be searched
     */
    Optional<Boolean> onSourcePath(String packageName, String fileName) {
        try {
            return Optional.of(read(StandardLocation.SOURCE_PATH, packageName, fileName).isPresent());
        } catch (UnreadableException | IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * @return the text of a resource in the class output, or empty when there is none or it cannot be read
     */
    Optional<String> resource(String packageName, String name) {
        try {
            return read(StandardLocation.CLASS_OUTPUT, packageName, name);
        } catch (UnreadableException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void writeResource(String path, String text, Element... originating) throws IOException {
        writeResource("", path, text, originating);
    }

    void writeResource(String packageName, String name, String text, Element... originating) throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, packageName, name, originating);
        try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            out.write(text);
        }
    }

    private Optional<String> read(StandardLocation location, String packageName, String path)
            throws UnreadableException {
        try {
            return Optional.of(filer.getResource(location, packageName, path).getCharContent(true).toString());
        } catch (FileNotFoundException | NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UnreadableException("cannot read " + path + ": " + e, e);
        }
    }
}
