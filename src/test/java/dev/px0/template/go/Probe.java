package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;

/** Ad hoc: java ... Probe [-d json] template... prints Java's and Go's results side by side. */
final class Probe {

    public static void main(String[] args) {
        String data = "{}";
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-d")) {
                data = args[++i];
            } else {
                cases.add(new Case("probe", args[i], data));
            }
        }
        List<Result> go = GoOracle.run(cases);
        for (int i = 0; i < cases.size(); i++) {
            Result java = JavaEngine.run(cases.get(i));
            System.out.println((java.matches(go.get(i)) ? "same " : "DIFF ") + cases.get(i));
            System.out.println("   java: " + java);
            if (!java.matches(go.get(i))) {
                System.out.println("   go:   " + go.get(i));
            }
        }
    }
}
