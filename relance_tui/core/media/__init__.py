"""The media list: outlets, shows and contacts; phones; search; import and export."""
