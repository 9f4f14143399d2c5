package dev.px0.template.go;

/** Variables that are not JSON as Go decodes it: malformed JSON, a number past float64, a Java value JSON lacks. */
public final class InvalidDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidDataException(String message) {
        super(message);
    }
}
