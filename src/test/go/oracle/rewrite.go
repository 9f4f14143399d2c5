package main

import (
	"reflect"
	"strings"
	"text/template"
	"text/template/parse"
)

// defaultFunc is px0's default: its second argument, unless that is missing, nil, false, 0, "" or an empty list
// or object (Go's template truth), when it is the first.
func defaultFunc(fallback, value reflect.Value) reflect.Value {
	if value.Kind() == reflect.Interface {
		if value.IsNil() {
			return fallback
		}
		value = value.Elem()
	}
	if !value.IsValid() {
		return fallback
	}
	if truth, _ := template.IsTrue(value.Interface()); !truth {
		return fallback
	}
	return value
}

const lenientName = "pxLenientField"

// marker separates the natural error message from the original node's text in the helper's errors.
const marker = "\x00px0-original\x00"

// lenientField walks names from receiver as text/template's field evaluation does on map[string]any data, except
// that a missing key, or a nil met on the way, yields nil. Any other failure is the error Go's own evaluation
// would give at the original node (original), which naturalMessage puts back in place.
func lenientField(original string, receiver reflect.Value, names ...string) (reflect.Value, error) {
	for _, name := range names {
		if !receiver.IsValid() {
			return reflect.Value{}, nil
		}
		typ := receiver.Type()
		v := receiver
		if v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}, nil
			}
			v = v.Elem()
		}
		if v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String {
			found := v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))
			if !found.IsValid() {
				return reflect.Value{}, nil
			}
			receiver = found
			continue
		}
		return reflect.Value{}, &lenientError{"can't evaluate field " + name + " in type " + typ.String() + marker + original}
	}
	return receiver, nil
}

type lenientError struct{ msg string }

func (e *lenientError) Error() string { return e.msg }

// Markers around a rewritten node's original text (never in a template, which is valid UTF-8). A helper call prints
// (in error contexts) as "(pxLenientField S1 ORIGINAL E1 receiver ... S2 ORIGINAL E2)", its last argument (the
// node errors blame after the call) as "S2 ORIGINAL E2"; naturalMessage puts ORIGINAL back in their place.
const (
	textStart = "\xff\x01"
	textEnd   = "\xff\x02"
	lastStart = "\xff\x05"
	callEnd   = "\xff\x03"
)

// naturalMessage turns the oracle's messages into the ones Go gives for the original template: an error of the
// helper itself, `template: L:C: executing "T" at <helper call>: error calling pxLenientField: MSG<marker>ORIG`,
// becomes `template: L:C: executing "T" at <ORIG>: MSG`, and any rewritten call printed in a context shows as the
// original node.
func naturalMessage(msg string) string {
	if m := strings.Index(msg, marker); m >= 0 {
		original := msg[m+len(marker):]
		head := msg[:m]
		call := strings.Index(head, "error calling "+lenientName+": ")
		if call >= 0 {
			if at := strings.LastIndex(head[:call], " at <"); at >= 0 {
				natural := head[call+len("error calling "+lenientName+": "):]
				msg = head[:at] + " at <" + original + ">: " + natural
			}
		}
	}
	msg = replaceCalls(msg)
	for {
		start := strings.Index(msg, lastStart)
		if start < 0 {
			return msg
		}
		end := strings.Index(msg[start:], callEnd)
		if end < 0 {
			return msg
		}
		msg = msg[:start] + msg[start+len(lastStart):start+end] + msg[start+end+len(callEnd):]
	}
}

func replaceCalls(msg string) string {
	for {
		start := strings.LastIndex(msg, "("+lenientName+" "+textStart)
		bare := false
		if start < 0 {
			start = strings.LastIndex(msg, lenientName+" "+textStart)
			bare = true
		}
		if start < 0 {
			return msg
		}
		end := strings.Index(msg[start:], callEnd)
		textFrom := start + strings.Index(msg[start:], textStart) + len(textStart)
		textTo := start + strings.Index(msg[start:], textEnd)
		if end < 0 || textTo < textFrom {
			return msg
		}
		end += start + len(callEnd)
		if !bare && end < len(msg) && msg[end] == ')' {
			end++
		}
		msg = msg[:start] + msg[textFrom:textTo] + msg[end:]
	}
}

// rewriteDefaults rewrites, under n, the arguments of every default call and the command piped into one.
func rewriteDefaults(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			rewriteDefaults(c)
		}
	case *parse.ActionNode:
		rewritePipe(n.Pipe)
	case *parse.IfNode:
		rewriteBranch(&n.BranchNode)
	case *parse.RangeNode:
		rewriteBranch(&n.BranchNode)
	case *parse.WithNode:
		rewriteBranch(&n.BranchNode)
	case *parse.TemplateNode:
		rewritePipe(n.Pipe)
	}
}

func rewriteBranch(b *parse.BranchNode) {
	rewritePipe(b.Pipe)
	rewriteDefaults(b.List)
	if b.ElseList != nil {
		rewriteDefaults(b.ElseList)
	}
}

func isDefault(c *parse.CommandNode) bool {
	id, ok := c.Args[0].(*parse.IdentifierNode)
	return ok && id.Ident == "default"
}

func rewritePipe(p *parse.PipeNode) {
	if p == nil {
		return
	}
	for i, c := range p.Cmds {
		for j, arg := range c.Args {
			if j > 0 && isDefault(c) {
				c.Args[j] = lenient(arg)
			}
			rewriteInside(c.Args[j])
		}
		// only the first command: a later one receives the value before it, which Go refuses for a field
		if i == 1 && isDefault(c) && len(p.Cmds[0].Args) == 1 {
			p.Cmds[0].Args[0] = lenient(p.Cmds[0].Args[0])
		}
	}
}

// rewriteInside follows parenthesised pipelines, which may hold default calls of their own.
func rewriteInside(n parse.Node) {
	switch n := n.(type) {
	case *parse.PipeNode:
		rewritePipe(n)
	case *parse.ChainNode:
		rewriteInside(n.Node)
	}
}

// lenient returns the helper call standing for a field, $variable.field or (pipeline).field node; any other
// node as it is.
func lenient(n parse.Node) parse.Node {
	var receiver parse.Node
	var names []string
	switch n := n.(type) {
	case *parse.FieldNode:
		receiver = &parse.DotNode{NodeType: parse.NodeDot, Pos: n.Pos}
		names = n.Ident
	case *parse.VariableNode:
		if len(n.Ident) < 2 {
			return n
		}
		receiver = &parse.VariableNode{NodeType: parse.NodeVariable, Pos: n.Pos, Ident: n.Ident[:1]}
		names = n.Ident[1:]
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			return n // Go refuses (.. nil).x itself; keep its own error
		}
		receiver = n.Node
		names = n.Field
	default:
		return n
	}
	original := n.String()
	cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Position()}
	cmd.Args = append(cmd.Args, parse.NewIdentifier(lenientName).SetPos(n.Position()),
		&parse.StringNode{NodeType: parse.NodeString, Pos: n.Position(), Quoted: textStart + original + textEnd, Text: original}, receiver)
	for i, name := range names {
		quoted := ""
		if i == len(names)-1 {
			quoted = lastStart + original + callEnd
		}
		cmd.Args = append(cmd.Args, &parse.StringNode{NodeType: parse.NodeString, Pos: n.Position(), Quoted: quoted, Text: name})
	}
	return &parse.PipeNode{NodeType: parse.NodePipe, Pos: n.Position(), Cmds: []*parse.CommandNode{cmd}}
}
