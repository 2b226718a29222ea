/*
 * The record's change form: footnote rows nested in each text, "Preview" of unsaved edits, and the
 * original text's language filled in from the record's original language.
 *
 * Loaded as a file (never inline) so the admin works under a Content-Security-Policy without
 * 'unsafe-inline'. Events are delegated from the document, so texts added with Django's
 * "Add another Text" work without setup.
 */
"use strict";
{
    const TOTAL_SUFFIX = "-TOTAL_FORMS";

    function footnoteRows(group) {
        return Array.from(group.querySelectorAll("tr.footnote-form:not(.footnote-empty)"));
    }

    function totalFormsInput(group) {
        return group.querySelector(`input[name$="-footnotes${TOTAL_SUFFIX}"]`);
    }

    function renameWithin(row, pattern, replacement) {
        row.querySelectorAll("[name], [id], [for]").forEach((element) => {
            for (const attribute of ["name", "id", "for"]) {
                const value = element.getAttribute(attribute);
                if (value) {
                    element.setAttribute(attribute, value.replace(pattern, replacement));
                }
            }
        });
    }

    function escapeRegExp(text) {
        return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }

    function nextNoteNumber(group) {
        const numbers = footnoteRows(group)
            .map((row) => parseInt(row.querySelector(".footnote-number").value, 10))
            .filter((number) => !Number.isNaN(number));
        return numbers.length ? Math.max(...numbers) + 1 : 1;
    }

    function addFootnote(group) {
        const total = totalFormsInput(group);
        const prefix = total.name.slice(0, -TOTAL_SUFFIX.length);
        const index = parseInt(total.value, 10);
        const template = group.querySelector("tr.footnote-empty");
        const row = template.cloneNode(true);
        row.hidden = false;
        row.classList.remove("footnote-empty");
        renameWithin(row, `${prefix}-__prefix__`, `${prefix}-${index}`);
        row.querySelector(".footnote-number").value = nextNoteNumber(group);
        template.before(row);
        total.value = index + 1;
        row.querySelector(".footnote-body").focus();
    }

    function removeFootnote(row) {
        const group = row.closest("fieldset.footnotes");
        const total = totalFormsInput(group);
        const prefix = total.name.slice(0, -TOTAL_SUFFIX.length);
        row.remove();
        // Keep the row indexes contiguous, as Django's formsets expect.
        const pattern = new RegExp(`${escapeRegExp(prefix)}-\\d+-`);
        footnoteRows(group).forEach((remaining, index) => {
            renameWithin(remaining, pattern, `${prefix}-${index}-`);
        });
        total.value = footnoteRows(group).length;
    }

    function previewData(textForm, preview) {
        const data = new FormData();
        data.append("csrfmiddlewaretoken", document.querySelector("[name=csrfmiddlewaretoken]").value);
        data.append("body", textForm.querySelector("textarea.text-body").value);
        data.append("kind", textForm.querySelector('select[name$="-kind"]:not(.footnote-kind)').value);
        data.append("language", textForm.querySelector("input.language-code").value);
        data.append("prefix", textForm.id);
        textForm.querySelectorAll("tr.footnote-form:not(.footnote-empty)").forEach((row) => {
            const deletion = row.querySelector('input[type=checkbox][name$="-DELETE"]');
            if (deletion && deletion.checked) {
                return;
            }
            data.append("note_number", row.querySelector(".footnote-number").value);
            data.append("note_kind", row.querySelector(".footnote-kind").value);
            data.append("note_body", row.querySelector(".footnote-body").value);
        });
        return data;
    }

    function showProblems(list, problems) {
        list.replaceChildren(...problems.map((problem) => {
            const item = document.createElement("li");
            item.textContent = problem;
            return item;
        }));
    }

    async function refreshPreview(button) {
        const textForm = button.closest(".text-form");
        const preview = button.closest(".text-preview");
        const output = preview.querySelector(".preview-output");
        button.disabled = true;
        try {
            const response = await fetch(preview.dataset.previewUrl, {
                method: "POST",
                body: previewData(textForm, preview),
                credentials: "same-origin",
            });
            if (!response.ok) {
                throw new Error(response.statusText);
            }
            const result = await response.json();
            // The HTML comes from the server's Markdown renderer, which never passes raw HTML through.
            output.innerHTML = result.html;
            showProblems(preview.querySelector(".marker-problems"), result.problems);
            preview.classList.toggle("has-problems", result.problems.length > 0);
        } catch (error) {
            output.textContent = `${gettext("The preview could not be made")}: ${error.message}`;
        } finally {
            button.disabled = false;
        }
    }

    function fillOriginalLanguage(code) {
        document.querySelectorAll(".text-form:not(.empty-form)").forEach((textForm) => {
            const kind = textForm.querySelector('select[name$="-kind"]:not(.footnote-kind)');
            const language = textForm.querySelector("input.language-code");
            if (kind && language && kind.value === "original" && !language.value) {
                language.value = code;
            }
        });
    }

    document.addEventListener("click", (event) => {
        const target = event.target;
        if (target.matches("button.add-footnote")) {
            event.preventDefault();
            addFootnote(target.closest("fieldset.footnotes"));
        } else if (target.matches("button.remove-footnote")) {
            event.preventDefault();
            removeFootnote(target.closest("tr"));
        } else if (target.matches("button.preview-button")) {
            event.preventDefault();
            refreshPreview(target);
        }
    });

    document.addEventListener("change", (event) => {
        if (event.target.id === "id_original_language") {
            fillOriginalLanguage(event.target.value.trim());
        }
    });

    document.addEventListener("DOMContentLoaded", () => {
        // Read-only texts have no body to preview.
        document.querySelectorAll(".text-preview").forEach((preview) => {
            if (!preview.closest(".text-form").querySelector("textarea.text-body")) {
                preview.querySelector(".preview-button").hidden = true;
            }
        });
    });
}
