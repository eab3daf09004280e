using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace NetTrainer.Reports;

/// <summary>
/// Builds HTML as an XML tree and writes it as HTML5 that is also well-formed XML (XHTML syntax): every element
/// closed, text escaped by the writer, no named entities, so both a browser and System.Xml can read it.
/// </summary>
public static class Html
{
    // Elements an HTML parser never expects a closing tag for; every other empty element is written <p></p>,
    // since an HTML parser reads <p/> as an opening tag. Inside <svg>, <path/> is fine (foreign content).
    private static readonly HashSet<string> VoidElements =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    /// <summary>An element named <paramref name="name"/> holding <paramref name="content"/> (elements, attributes, text; nulls are skipped).</summary>
    public static XElement E(string name, params object?[] content) => new(name, content);

    /// <summary>An attribute; the writer escapes its value.</summary>
    public static XAttribute A(string name, object value) => new(name, value);

    /// <summary>Writes the document with an HTML5 doctype, UTF-8 without a byte-order mark, atomically.</summary>
    public static void Save(XElement html, string path)
    {
        foreach (XElement element in html.DescendantsAndSelf())
            if (element.IsEmpty && !VoidElements.Contains(element.Name.LocalName) && !element.AncestorsAndSelf("svg").Any())
                element.Value = "";
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        settings.CloseOutput = false;
        NetTrainer.Persistence.AtomicFile.Write(path, stream =>
        {
            using XmlWriter writer = XmlWriter.Create(stream, settings);
            writer.WriteRaw("<!DOCTYPE html>\n");
            html.WriteTo(writer);
        });
    }
}
