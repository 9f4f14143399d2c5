// The px0 template oracle: Go's own text/template, run on the cases the Java tests send, so the Java engine
// (sdk/src/template/java/dev/px0/template/go) can be compared with Go byte for byte.
//
// Protocol: one JSON object per input line, {"id": n, "name": "prompt", "tpl": base64, "data": base64}, where
// data is the variables' JSON text; one JSON object per output line, {"id": n, "kind": k, "out": base64,
// "msg": base64} with kind "ok" (out is the rendered bytes), "data" (json.Unmarshal refused the variables),
// "parse" (Parse refused the template), "exec" (Execute failed) or "panic". Each answer is flushed, so the
// oracle serves a batch (stdin a file) or a long-lived conversation (a pipe) alike.
//
// The template runs with Option("missingkey=error") and px0's `default` helper. A missing key given to default
// counts as missing: before executing, every field, $variable.field and (pipeline).field node written directly
// as an argument of default (or as the command piped into default) is rewritten into a call of a lookup
// helper that yields nil for a missing key or a nil on the way (see rewrite.go).
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"text/template"
)

type request struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Tpl  string `json:"tpl"`
	Data string `json:"data"`
}

type answer struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind"`
	Out  string `json:"out,omitempty"`
	Msg  string `json:"msg,omitempty"`
}

// outputCap stops a runaway render; px0's own limits are far below it, so no compared case reaches it.
const outputCap = 64 << 20

type cappedBuffer struct{ bytes.Buffer }

var errCap = errors.New("oracle output cap reached")

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > outputCap {
		return 0, errCap
	}
	return b.Buffer.Write(p)
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	enc := json.NewEncoder(out)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req request
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				fmt.Fprintln(os.Stderr, "oracle: bad request line:", jerr)
				os.Exit(2)
			}
			if eerr := enc.Encode(run(req)); eerr != nil {
				os.Exit(3)
			}
			out.Flush()
		}
		if err != nil {
			break
		}
	}
	out.Flush()
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func run(req request) (a answer) {
	a.ID = req.ID
	defer func() {
		if r := recover(); r != nil {
			a.Kind, a.Out, a.Msg = "panic", "", b64([]byte(fmt.Sprint(r)))
		}
	}()
	tpl, err1 := base64.StdEncoding.DecodeString(req.Tpl)
	data, err2 := base64.StdEncoding.DecodeString(req.Data)
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "oracle: bad base64 in request", req.ID)
		os.Exit(2)
	}
	var vars any
	if len(data) > 0 {
		if err := json.Unmarshal(data, &vars); err != nil {
			a.Kind, a.Msg = "data", b64([]byte(err.Error()))
			return
		}
	}
	name := req.Name
	if name == "" {
		name = "prompt"
	}
	t, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{"default": defaultFunc}).Parse(string(tpl))
	if err != nil {
		a.Kind, a.Msg = "parse", b64([]byte(err.Error()))
		return
	}
	// The lookup helper is added after parsing, so a template cannot call it by name.
	t.Funcs(template.FuncMap{lenientName: lenientField})
	for _, each := range t.Templates() {
		if each.Tree != nil && each.Tree.Root != nil {
			rewriteDefaults(each.Tree.Root)
		}
	}
	var buf cappedBuffer
	if err := t.Execute(&buf, vars); err != nil {
		a.Kind, a.Msg = "exec", b64([]byte(naturalMessage(err.Error())))
		return
	}
	a.Kind, a.Out = "ok", b64(buf.Bytes())
	return
}
