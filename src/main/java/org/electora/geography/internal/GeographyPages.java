package org.electora.geography.internal;

import java.util.List;

import org.electora.geography.Constituency;
import org.electora.geography.ConstituencyId;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.geography.MapVersionId;
import org.electora.geography.Region;
import org.electora.geography.RegionId;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The public map browser: regions, then constituencies, then stations. */
@Controller
class GeographyPages implements PageController {

    private final ElectoralMap map;

    GeographyPages(ElectoralMap map) {
        this.map = map;
    }

    @GetMapping("/map")
    String map(@RequestParam(required = false) Long version, Model model) {
        List<MapVersion> versions = map.versions();
        if (versions.isEmpty()) {
            model.addAttribute("versions", versions);
            return "geography/empty";
        }
        MapVersion current = version == null ? versions.getLast()
                : map.version(new MapVersionId(version)).orElseThrow(() -> new NotFound("No map version " + version));
        model.addAttribute("versions", versions);
        model.addAttribute("current", current);
        model.addAttribute("summary", map.summary(current.id()));
        model.addAttribute("regions", map.regions(current.id()));
        return "geography/map";
    }

    @GetMapping("/map/regions/{id}")
    String region(@PathVariable long id, Model model) {
        Region region = map.region(new RegionId(id)).orElseThrow(() -> new NotFound("No region " + id));
        model.addAttribute("region", region);
        model.addAttribute("constituencies", map.constituencies(region.id()));
        return "geography/region";
    }

    @GetMapping("/map/constituencies/{id}")
    String constituency(@PathVariable long id, Model model) {
        Constituency constituency = map.constituency(new ConstituencyId(id))
                .orElseThrow(() -> new NotFound("No constituency " + id));
        model.addAttribute("constituency", constituency);
        model.addAttribute("stations", map.stations(constituency.id()));
        return "geography/constituency";
    }
}
