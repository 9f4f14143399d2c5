# Sourced by px0's scripts: finds a JDK 21+ and Maven, or stops with a message saying what to install.
# A JAVA_HOME that points at Java 21+ wins; otherwise the newest JDK 21+ found in the usual places is used.

px0_java_version() { # major version of the java binary in $1/bin, or 0
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); found=1 }
                    END { if (!found) print 0 }'
}

px0_find_java() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(px0_java_version "$JAVA_HOME")" -ge 21 ]; then
        return 0
    fi
    local best="" best_version=0 candidate version
    local on_path=""
    if command -v java >/dev/null 2>&1; then
        on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    fi
    for candidate in "$on_path" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
                     "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        version=$(px0_java_version "$candidate")
        if [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
            best=$candidate best_version=$version
        fi
    done
    if [ -z "$best" ]; then
        echo "px0 needs a JDK 21 or newer (Helidon 4), and none was found." >&2
        echo "Install one (for example Eclipse Temurin 21 or 25) and set JAVA_HOME to it, then run this again." >&2
        exit 1
    fi
    export JAVA_HOME=$best
}

px0_find_jdk() { # prints the home of a JDK of exactly major version $1 found in the usual places, or fails
    local candidate
    for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                     /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        if [ "$(px0_java_version "$candidate")" = "$1" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

px0_find_maven() {
    if command -v mvn >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Maven is missing: installing Debian's package." >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
        command -v mvn >/dev/null 2>&1 && return 0
    fi
    echo "px0 builds with Apache Maven 3.8 or newer, and 'mvn' is not on the PATH: install it, then run this again." >&2
    exit 1
}

px0_find_java
px0_find_maven
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8/3.9's bundled Guava warns about sun.misc.Unsafe on Java 24+: allow it quietly.
if [ "$(px0_java_version "$JAVA_HOME")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
