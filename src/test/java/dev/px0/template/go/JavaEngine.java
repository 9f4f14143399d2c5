package dev.px0.template.go;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a case through the Java engine, with the outcome in the oracle's terms. */
final class JavaEngine {

    private JavaEngine() {
    }

    static Result run(Case c) {
        Object data;
        try {
            data = c.data().length == 0 ? null : GoJson.decode(c.data());
        } catch (InvalidDataException e) {
            return new Result(Result.Kind.DATA, "", e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return crash(e);
        }
        GoTemplate t;
        try {
            t = GoTemplate.parse(c.name(), c.template());
        } catch (TemplateParseException e) {
            return new Result(e.limit() != null ? Result.Kind.LIMIT : Result.Kind.PARSE, "", e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return crash(e);
        }
        try {
            return new Result(Result.Kind.OK, t.execute(data), "");
        } catch (InvalidDataException e) {
            return new Result(Result.Kind.DATA, "", e.getMessage());
        } catch (TemplateExecException e) {
            return new Result(e.limit() != null ? Result.Kind.LIMIT : Result.Kind.EXEC, "", e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return crash(e);
        }
    }

    private static Result crash(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return new Result(Result.Kind.CRASH, "", w.toString());
    }
}
