package io.mayhem.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Finds the files under a directory whose bytes contain a text (as UTF-8): where a secret was written. */
final class FilesContaining {

    private static final int CHUNK = 1 << 20;

    private FilesContaining() {
    }

    /**
     * @param root a directory, walked without following links
     * @param text what to look for, at least one character
     * @return the regular files under root whose content contains text, in walk order; none when root is missing
     * @throws IOException when the tree cannot be walked (a file or directory deleted meanwhile is skipped)
     */
    static List<Path> under(Path root, String text) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && contains(file, needle)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return found;
    }

    /** Reads the file in chunks, each carrying the last needle.length - 1 bytes of the one before. */
    private static boolean contains(Path file, byte[] needle) {
        byte[] buffer = new byte[CHUNK + needle.length];
        int kept = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer, kept, CHUNK)) > 0; ) {
                int length = kept + read;
                if (indexOf(buffer, length, needle) >= 0) {
                    return true;
                }
                kept = Math.min(needle.length - 1, length);
                System.arraycopy(buffer, length - kept, buffer, 0, kept);
            }
            return false;
        } catch (NoSuchFileException gone) {
            return false;   // a file the running service deleted since the walk listed it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        for (int i = 0; i + needle.length <= length; i++) {
            if (haystack[i] == needle[0] && Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
