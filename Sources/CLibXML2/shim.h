// libxml2's headers pull in the system ICU headers when LIBXML_ICU_ENABLED is set, and those clash
// with Foundation's own ICU module (_FoundationICU). Read the version header first, switch ICU off,
// then include only what the project uses.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>
