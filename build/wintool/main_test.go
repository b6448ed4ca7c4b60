package main

import (
	"bytes"
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

func TestVersionNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want [4]uint16
		ok   bool
	}{
		{"0.1.0", [4]uint16{0, 1, 0, 0}, true},
		{"1.2.3.4", [4]uint16{1, 2, 3, 4}, true},
		{"0.2.0-rc1", [4]uint16{0, 2, 0, 0}, true},
		{"dev", [4]uint16{}, false},
		{"1.2", [4]uint16{}, false},
		{"70000.0.0", [4]uint16{}, false},
	}
	for _, tt := range tests {
		got, err := versionNumbers(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("versionNumbers(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestRCString(t *testing.T) {
	tests := map[string]string{
		`Selo`:              `"Selo"`,
		`say "hi"`:          `"say ""hi"""`,
		`C:\dir`:            `"C:\\dir"`,
		"© 2026 eletrônica": `"\x00a9 2026 eletr\x00f4nica"`,
		"end\x00":           `"end\0"`,
		"😀":                 `"\xd83d\xde00"`,
	}
	for in, want := range tests {
		if got := rcString(in); got != want {
			t.Errorf("rcString(%q) = %s, want %s", in, got, want)
		}
	}
}

// node encodes one VS_VERSIONINFO-style block (the layout windres and the
// Windows resource compiler write).
func node(key string, value []byte, text bool, children ...[]byte) []byte {
	var b bytes.Buffer
	b.Write([]byte{0, 0, 0, 0, 0, 0}) // length, value length, type: set below
	for _, u := range utf16.Encode([]rune(key + "\x00")) {
		_ = binary.Write(&b, binary.LittleEndian, u)
	}
	pad := func() {
		for b.Len()%4 != 0 {
			b.WriteByte(0)
		}
	}
	pad()
	b.Write(value)
	for _, c := range children {
		pad()
		b.Write(c)
	}
	out := b.Bytes()
	valLen := len(value)
	typ := uint16(0)
	if text {
		valLen /= 2
		typ = 1
	}
	binary.LittleEndian.PutUint16(out[0:], uint16(len(out)))
	binary.LittleEndian.PutUint16(out[2:], uint16(valLen))
	binary.LittleEndian.PutUint16(out[4:], typ)
	return out
}

func wide(s string) []byte {
	var b bytes.Buffer
	for _, u := range utf16.Encode([]rune(s + "\x00")) {
		_ = binary.Write(&b, binary.LittleEndian, u)
	}
	return b.Bytes()
}

func TestParseVersionInfo(t *testing.T) {
	fixed := make([]byte, 52)
	binary.LittleEndian.PutUint32(fixed[0:], 0xFEEF04BD)
	binary.LittleEndian.PutUint32(fixed[16:], 0<<16|2) // product version MS: 0.2
	binary.LittleEndian.PutUint32(fixed[20:], 5<<16|0) // product version LS: 5.0
	table := node("041604b0", nil, true,
		node("ProductVersion", wide("0.2.5"), true),
		node("LegalCopyright", wide("© 2026 Selo"), true),
		node("Comments", wide("eletrônica"), true),
	)
	vi := node("VS_VERSION_INFO", fixed, false,
		node("StringFileInfo", nil, true, table),
		node("VarFileInfo", nil, true, node("Translation", []byte{0x16, 0x04, 0xb0, 0x04}, false)),
	)
	got, strs, err := parseVersionInfo(vi)
	if err != nil {
		t.Fatal(err)
	}
	if got != [4]uint16{0, 2, 5, 0} {
		t.Fatalf("fixed version = %v", got)
	}
	want := map[string]string{"ProductVersion": "0.2.5", "LegalCopyright": "© 2026 Selo", "Comments": "eletrônica"}
	for k, v := range want {
		if strs[k] != v {
			t.Errorf("%s = %q, want %q", k, strs[k], v)
		}
	}
	if _, _, err := parseVersionInfo(node("OTHER", fixed, false)); err == nil {
		t.Fatal("a block that is not VS_VERSION_INFO was accepted")
	}
}
