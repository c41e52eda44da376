"""Writers shared by every document Taizhang produces: the Chinese font PDFs embed
(``cjkfont``), a PDF page with that font (``pdf``) and Word documents with Chinese fonts named
the way Word expects them (``word``)."""
